"""The year ahead: a pack's due dates and its drive plan, by month, as text, JSON or a calendar."""
