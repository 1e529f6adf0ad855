"""SQLite schema, writing parsed sources, and serving them with Datasette."""
