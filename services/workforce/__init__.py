"""workforce — community workers (社区工作者): recruitment, agreements, pay, assessment."""
