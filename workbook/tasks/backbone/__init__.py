"""Task 5, assess backbone candidates: a blind survey of third-party perceptions.

``anonymity``  what may be published (k, k_c, dropped groups, complementary suppression)
``instrument`` the form, declared once: six functions, six capacities, conflicts
``raters``     candidates, raters, automatic conflict exclusion, codes kept apart
``responses``  the ``backbone_`` tables: answers by code id, never by name
``results``    median, spread and n per candidate x item, agreement, all suppressed
"""
