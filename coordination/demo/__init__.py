"""Deterministic demo data for Stafett: fictional people, Trøndelag agencies, 18 months of history."""
