"""Pure collection rules: plain values in (including `today`), a decision out. No I/O."""
