"""Stage 5, the site: the Sphinx extension, the generated reference pages, the data downloads, the
citations and bibliography, and the offline scripts and stylesheets the pages serve."""
