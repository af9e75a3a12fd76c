"""Running Civic Mesh on one machine without containers: see run.py and the *.sh scripts beside it."""
