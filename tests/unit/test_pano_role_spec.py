"""The pano role's argument spec lists exactly the sections and options of pano_settings' table, so a misspelt
section or option fails the role's argument validation before any request, naming it and the allowed ones."""
import os

import yaml

from ansible_collections.polycom.uc.plugins.module_utils.pano import PANO_SETTINGS

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HINT = 'roles/pano/meta/argument_specs.yml must list every section and option of PANO_SETTINGS (plugins/module_utils/pano.py)'


def role_options():
    with open(os.path.join(ROOT, 'roles', 'pano', 'meta', 'argument_specs.yml')) as handle:
        return yaml.safe_load(handle)['argument_specs']['main']['options']


def test_both_settings_variables_list_every_section_and_option_of_the_table():
    table = PANO_SETTINGS.argument_spec()
    for variable in ('pano_settings_group', 'pano_settings_host'):
        sections = role_options()[variable]['options']
        assert set(sections) == set(table), (HINT, variable)
        for section, spec in table.items():
            assert sections[section]['type'] == 'dict', (variable, section)
            options = sections[section]['options']
            assert set(options) == set(spec['options']), (HINT, variable, section)
            for option, option_spec in spec['options'].items():
                assert options[option]['type'] == option_spec['type'], (HINT, variable, section, option)
                assert options[option].get('elements') == option_spec.get('elements'), (HINT, variable, section, option)
                assert isinstance(options[option]['description'], str), (variable, section, option)
