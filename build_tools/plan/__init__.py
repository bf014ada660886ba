"""Before any page is written: one address per article, and the audit of every Han character kept or removed."""
