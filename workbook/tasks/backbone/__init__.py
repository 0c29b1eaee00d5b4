"""Task 5, assess backbone candidates: a blind survey of third-party perceptions.

``anonymity``  what may be published (k, k_c, dropped groups, complementary suppression)
``instrument`` the form, declared once: six functions, six capacities, ties
``raters``     candidates, raters, automatic conflict exclusion, codes and the 0600 roster
``responses``  the ``backbone_`` tables: answers by rater key, never a name or an e-mail
``paper``      Excel forms per rater and candidate, named by code
``results``    median, spread and n per candidate x item, agreement, all suppressed
``decision``   the choice, in the decision log
``survey``     surveys opened and closed; answers refused once closed, results frozen
``thresholds`` k and k_comments from community.toml [backbone]
``example``    the example community's survey (3 candidates, 30 raters)
"""
