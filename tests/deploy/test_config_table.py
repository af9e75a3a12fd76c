"""The README's configuration table is the one `deploy.config_table` generates from the settings classes."""
from deploy import config_table


def test_the_readme_table_is_what_the_settings_classes_say():
    text = config_table.README.read_text()
    assert config_table.BEGIN in text and config_table.END in text
    assert config_table.replaced(text) == text, "run: python -m deploy.config_table --write"


def test_every_setting_says_what_it_means():
    assert all(row.count("|") >= 5 for row in config_table.rows())
