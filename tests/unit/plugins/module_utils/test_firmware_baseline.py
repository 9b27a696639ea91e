"""Firmware baseline: rules per family and model, statuses, and the problems of a bad baseline."""
import pytest

from ansible_collections.polycom.uc.plugins.module_utils.firmware import (
    STATUSES, baseline_problems, firmware_status, model_key, version_matches,
)

BASELINE = {
    'pano': {'minimum': '1.1.2'},
    'group_series': {'models': {'RealPresence Group 500': {'exact': '6.2.2.8'}, 'RealPresence Group 310': {'exact': '6.2'}}},
    'phone': {'minimum': '5.4', 'models': {'VVX500': {'minimum': '5.9.1'}}},
}


def device(family, model, version):
    return dict(family=family, model=model, serial='S1', mac_address='0004f2000001', firmware_version=version)


@pytest.mark.parametrize('family, model, version, status, rule, expected', [
    ('pano', 'Polycom Pano', '1.1.2.1007', 'ok', 'minimum', '1.1.2'),
    ('pano', 'Polycom Pano', '1.0.0.46', 'below_minimum', 'minimum', '1.1.2'),
    ('pano', 'Polycom Pano', '1.10.0', 'ok', 'minimum', '1.1.2'),  # numeric, not text: 1.10 > 1.1.2
    ('group_series', 'RealPresence Group 500', 'Release - 6.2.2.8-670021', 'ok', 'exact', '6.2.2.8'),
    ('group_series', 'RealPresence Group 500', '6.2.2.9', 'not_exact', 'exact', '6.2.2.8'),
    ('group_series', 'RealPresence Group 500', '6.2.2', 'not_exact', 'exact', '6.2.2.8'),
    ('group_series', 'RealPresence Group 310', '6.2.1.4', 'ok', 'exact', '6.2'),
    ('group_series', 'RealPresence Group 700', '6.2.2.8', 'unknown_model', None, None),
    ('phone', 'VVX 500', '5.9.0.1234', 'below_minimum', 'minimum', '5.9.1'),  # model rule wins, spaces ignored
    ('phone', 'vvx-500', '5.9.7.3480', 'ok', 'minimum', '5.9.1'),
    ('phone', 'VVX 410', '5.3.0', 'below_minimum', 'minimum', '5.4'),  # family default
    ('phone', 'VVX 410', '', 'unknown_version', 'minimum', '5.4'),
    ('trio', 'Trio 8800', '7.0', 'unknown_model', None, None),
])
def test_status(family, model, version, status, rule, expected):
    result = firmware_status(device(family, model, version), BASELINE)
    assert (result['status'], result['rule'], result['expected']) == (status, rule, expected)
    assert result['status'] in STATUSES and result['message']
    assert result['family'] == family and result['model'] == model and result['serial'] == 'S1'


def test_an_empty_baseline_knows_no_model():
    assert firmware_status(device('pano', 'Polycom Pano', '1.1.2'), {})['status'] == 'unknown_model'


def test_model_key_and_prefix_match():
    assert model_key('VVX 500') == model_key('vvx_500') == 'vvx500'
    assert version_matches('6.2.2.8', '6.2.2.8') and version_matches('6.2.2.8.1', '6.2.2.8')
    assert not version_matches('6.2.2.80', '6.2.2.8') and not version_matches('6.2', '6.2.2.8')


def test_a_valid_baseline_has_no_problems():
    assert baseline_problems(BASELINE) == []


@pytest.mark.parametrize('baseline, problem', [
    ('1.1', 'must be a dict keyed by family'),
    ({'panos': {'minimum': '1'}}, 'baseline.panos: unknown family'),
    ({'pano': {'minimum': '1.1', 'exact': '1.1.2'}}, 'pano: give minimum or exact, not both'),
    ({'pano': {'minumum': '1.1'}}, 'pano: unknown key minumum'),
    ({'pano': {'minimum': 'latest'}}, "pano.minimum: 'latest' is not a version"),
    ({'phone': {'models': {'VVX500': {}}}}, 'phone.models.VVX500: give minimum or exact'),
    ({'phone': {'models': {'VVX500': '5.9'}}}, 'phone.models.VVX500: must be a dict'),
    ({'phone': {'models': ['VVX500']}}, 'phone.models: must be a dict'),
    ({'phone': {'models': {'VVX500': {'minimum': '5.9', 'models': {}}}}}, 'phone.models.VVX500: unknown key models'),
])
def test_bad_baselines_are_named(baseline, problem):
    problems = baseline_problems(baseline)
    assert any(problem in text for text in problems), problems
