"""`civic`: the on-call engineer's command line."""
