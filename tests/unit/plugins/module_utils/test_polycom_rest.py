from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import MASK, PolycomClient, scrub


def test_scrub_masks_every_secret_longest_first():
    assert scrub('user pw=abc123 and abc', ['abc', 'abc123']) == 'user pw=%s and %s' % (MASK, MASK)
    assert scrub(None, ['x']) == ''


def test_client_builds_ipv6_urls_and_verification_settings():
    client = PolycomClient('2001:db8::1', port=8443, password='pw', ca_path='/tmp/ca.pem')
    assert client.base_url == 'https://[2001:db8::1]:8443'
    assert client.verify == '/tmp/ca.pem'
    assert PolycomClient('pano', validate_certs=False).verify is False


def test_retry_policy_covers_busy_throttled_and_dropped():
    retry = PolycomClient('pano', retries=4).session.get_adapter('https://pano').max_retries
    assert retry.total == 4 and set(retry.status_forcelist) == {429, 503}
    assert retry.respect_retry_after_header and retry.allowed_methods is None
    assert retry.backoff_jitter > 0
