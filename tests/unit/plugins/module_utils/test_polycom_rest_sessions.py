"""A login whose answer is late is waited for once, never repeated: each login takes one of the device's few session slots."""
import pytest
import urllib3

from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import PolycomClient


def retry_policy():
    return PolycomClient('pano', retries=3).session.get_adapter('https://pano').max_retries


def test_a_login_that_timed_out_is_not_repeated():
    timeout = urllib3.exceptions.ReadTimeoutError(None, '/rest/session', 'Read timed out.')
    with pytest.raises(urllib3.exceptions.ReadTimeoutError):
        retry_policy().increment('POST', '/rest/session', error=timeout)


def test_other_late_answers_and_a_dropped_login_are_retried():
    timeout = urllib3.exceptions.ReadTimeoutError(None, '/rest/config', 'Read timed out.')
    assert retry_policy().increment('POST', '/rest/config', error=timeout).read == 2
    dropped = urllib3.exceptions.ProtocolError('Connection aborted.')
    assert retry_policy().increment('POST', '/rest/session', error=dropped).read == 2


def test_login_and_logout_wait_as_long_as_the_retries_would_have_taken():
    assert PolycomClient('pano', timeout=5, retries=3).session_timeout == (5, 20)
    assert PolycomClient('pano', timeout=5, retries=0).session_timeout == (5, 5)
