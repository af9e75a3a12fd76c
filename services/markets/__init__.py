"""markets — community vegetable markets (社区菜市场): lifecycle, compliance, coverage planning."""
