"""The only folder that knows the renderer (MkDocs + Material): its Markdown dialect, its build, its hooks."""
