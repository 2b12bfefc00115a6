"""Seizures: structured records of narcotics, weapons, goods, fuel and currency seized."""
