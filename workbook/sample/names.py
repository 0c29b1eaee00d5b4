"""Name material for invented communities: towns, regions, people (all fictional)."""
from __future__ import annotations

import re

TOWNS = (
    "Ashby", "Briar Glen", "Cedar Ford", "Millbrook", "Northgate", "Oakridge", "Pine Hollow",
    "Redstone", "Southfield", "Thornbury", "Upton Falls", "Westbrook", "Willow Creek",
    "Harlow", "Ironbridge", "Juniper Hill", "Kestrel Bay", "Lakeside", "Maple Grove",
    "Elm Valley", "Fairhaven", "Glenwood", "Hollis Park", "Quarry Point", "Rosedale",
    "Stonebridge", "Timber Ridge", "Vale Crossing", "Whitmore", "Yarrow", "Alder Springs",
    "Birch Harbor", "Copper Mill", "Dover Heights", "Eastwick", "Foxborough Flats",
    "Granite Run", "Heron Point", "Ivy Bend", "Laurel Station",
)
REGIONS = ("Tri-County", "River Valley", "Northern Hills", "Lakes Region", "Greater Riverbend")

FIRST_NAMES = (
    "Dana", "Sam", "Lee", "Maria", "James", "Aisha", "Robert", "Katherine", "William",
    "Elizabeth", "Michael", "Jennifer", "Thomas", "Patricia", "Christopher", "Margaret",
    "Daniel", "Susan", "Deborah", "Andre", "Priya", "Hector", "Mei", "Tanisha", "Omar",
    "Grace", "Luis", "Hannah", "Darnell", "Rosa", "Keith", "Yolanda", "Ethan", "Fatima",
    "Gordon", "Imani", "Jorge", "Kendra", "Leon", "Monique", "Nathan", "Olivia", "Pedro",
    "Quinn", "Rachel", "Sergio", "Tamara", "Victor", "Wendy", "Xavier", "Yvonne", "Zach",
    "Alicia", "Brandon", "Carmen", "Derek", "Erin", "Felix", "Gloria", "Harold", "Ingrid",
    "Jamal", "Kelsey", "Lamar", "Marisol", "Neil", "Opal", "Paul", "Renee", "Shawn",
    "Theresa", "Ursula", "Vanessa", "Wade", "Adrienne", "Bryce", "Celeste", "Desmond",
    "Esther", "Frank", "Gwen", "Ivan", "Joy", "Kurt", "Lydia", "Marcus", "Nadia", "Owen",
)
LAST_NAMES = (
    "Whitfield", "Ortiz", "Park", "Nguyen", "Okafor", "Brennan", "Castillo", "Dawson",
    "Ellison", "Fairbanks", "Gutierrez", "Hayes", "Iverson", "Jacobs", "Kowalski", "Lindqvist",
    "Mahoney", "Navarro", "O'Neill", "Pennington", "Quintero", "Ramsey", "Sorensen", "Tran",
    "Underwood", "Valdez", "Whitaker", "Yates", "Zimmerman", "Abernathy", "Boateng",
    "Carmichael", "Delgado", "Eastman", "Fitzgerald", "Goldberg", "Hargrove", "Ibarra",
    "Jennings", "Kaplan", "Lockhart", "McAllister", "Nakamura", "Osei", "Prescott", "Rhodes",
    "Salazar", "Thibodeaux", "Vance", "Wexler", "Archer", "Bishop", "Crowley", "Dunbar",
    "Esposito", "Fenwick", "Galloway", "Holloway", "Ingram", "Jefferson", "Kimura", "Langley",
    "Montague", "Norwood", "Ogden", "Pruitt", "Redding", "Sinclair", "Talbot", "Umana",
    "Vickers", "Waverly", "Acosta", "Beaumont", "Calloway", "Draper", "Estrada", "Foley",
    "Garrison", "Hutchins", "Irving", "Jarrett", "Keene", "Lowry", "Merritt", "Nash",
    "Pickett", "Quarles", "Royce", "Stanton",
)
NICKNAMES = {
    "Robert": "Bob", "Katherine": "Kate", "William": "Bill", "Elizabeth": "Liz",
    "Michael": "Mike", "Jennifer": "Jen", "Thomas": "Tom", "Patricia": "Pat",
    "Christopher": "Chris", "Margaret": "Peggy", "Daniel": "Dan", "Susan": "Sue",
    "James": "Jim", "Deborah": "Deb", "Theresa": "Terri", "Nathan": "Nate", "Zach": "Zachary",
}
SAINTS = ("Brigid", "Anselm", "Columba", "Hilda", "Jerome", "Lucy", "Monica", "Paschal")



def acronym(name: str) -> str:
    """The capitals of *name* (and any '&'): the insiders' short form."""
    return "".join(word[0] for word in re.findall(r"[A-Za-z&][\w'&]*", name)
                   if word[0].isupper() or word == "&")
