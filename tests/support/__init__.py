"""Code the tests and the bench share: serving a site to Chromium, the scale page, palette checks."""
