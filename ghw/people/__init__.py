"""The people in a journal, one module for each thing ghw knows of them.

- :mod:`~ghw.people.file`: ``people.csv``, what only the user can say (a
  wished rhythm, a private mark);
- :mod:`~ghw.people.contacts`: each person's usual kind of relationship,
  their days of contact, and names that are probably one person;
- :mod:`~ghw.people.due`: who becomes due when, and who is due now;
- :mod:`~ghw.people.ledger`: one row per person, with balances and the
  direction of closeness;
- :mod:`~ghw.people.variety`: the mix of kinds of relationship lately;
- :mod:`~ghw.people.rename`: renaming and merging people, undoing it, and
  restoring a backup, private people kept private throughout;
- :mod:`~ghw.people.page`: one person's page, and all of these in sentences.

How names are compared and found is :mod:`ghw.names`.
"""
