"""Every write to a project goes through a function in these modules.

One call = one user action = one transaction = one appended Event. Calls take
a ProjectStore and plain values and return an Outcome (value, changes, undo).
"""
