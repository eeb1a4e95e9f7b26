#!/usr/bin/env python3
"""Alice's shopping list helper, written by the agent."""
print("milk, bread")
