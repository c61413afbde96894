"""Documents made on the server: the individual plan and the case summary as PDF (and as the same
HTML printed from the browser). `render.py` turns a template into a PDF offline."""
