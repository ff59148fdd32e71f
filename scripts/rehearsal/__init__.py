"""The deploy rehearsal behind scripts/deploy-rehearsal.py, one stage or concern a module."""
