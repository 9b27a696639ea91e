"""Action groups per device family: module_defaults of one family (its admin password) never reach another family's modules."""
import os

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FAMILIES = {'pano': 'pano_', 'group_series': 'group_series_', 'phone': 'ucs_phone_'}


def test_every_group_holds_one_family_and_every_device_module_is_in_its_family_group():
    groups = yaml.safe_load(open(os.path.join(ROOT, 'meta', 'runtime.yml')))['action_groups']
    assert sorted(groups) == sorted(FAMILIES)
    for group, modules in groups.items():
        assert all(module.startswith(FAMILIES[group]) for module in modules), (group, modules)
    modules = sorted(name[:-3] for name in os.listdir(os.path.join(ROOT, 'plugins', 'modules')) if name.endswith('.py'))
    device_modules = [m for m in modules if any(m.startswith(prefix) for prefix in FAMILIES.values())]
    assert sorted(m for members in groups.values() for m in members) == device_modules
