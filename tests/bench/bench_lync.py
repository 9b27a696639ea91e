"""Benchmark (not a test): the lync_provisioning role as shipped against ansible.builtin.template in a loop.

Part of `make bench` (tests/bench/bench_estate.py runs it; `bench_estate.py --only lync` runs only this).

`ansible-playbook playbooks/lync.yml` (the shipped playbook, the role's defaults, so verify is on) against a
generated inventory whose CSV lists --phones phones: the first run onto an empty share, a run with nothing to
change, and a run after one phone's parameter changed in the CSV, each --rounds times. Then
ansible.builtin.template in a loop over --loop-phones of the same phones, writing the same content as the
role's per-phone file, for the time per phone and the ratio.
"""
import os
import shutil
import statistics

from estate import (PERIOD, ROOT, ansible_playbook, differing, mac_of, phone_rows, snapshot, timed, write_csv,
                    write_inventory, write_play)

LYNC_PLAYBOOK = os.path.join(ROOT, 'playbooks', 'lync.yml')


def phone_file(index):
    return '%s-lync.cfg' % mac_of(index)  # the role's default lync_provisioning_phone_file


def lync_round(share, csv_path, inventory, phones, changed):
    """One first / no-change / one-changed sequence on an empty share; asserts what each run did."""
    shutil.rmtree(share, ignore_errors=True)
    write_csv(csv_path, phone_rows(phones))
    first = ansible_playbook(LYNC_PLAYBOOK, inventory)
    written = snapshot(share)
    # the master file, the shared file and one file per phone; nothing else
    assert len(written) == phones + 2 and phone_file(phones - 1) in written, len(written)
    assert first.host()['changed'] >= 1, first.recap

    no_change = ansible_playbook(LYNC_PLAYBOOK, inventory)
    assert no_change.host()['changed'] == 0, no_change.recap
    assert not differing(written, snapshot(share)), 'a no-change run touched files'

    write_csv(csv_path, phone_rows(phones, changed=changed))
    one_changed = ansible_playbook(LYNC_PLAYBOOK, inventory)
    assert one_changed.host()['changed'] >= 1, one_changed.recap
    touched = differing(written, snapshot(share))
    assert touched == [phone_file(changed)], touched[:10]
    return first.elapsed, no_change.elapsed, one_changed.elapsed


def loop_template(role_file):
    """A template for ansible.builtin.template made from the role's file of phone 0, so the two write the same
    bytes however the role's per-phone file changes."""
    template = role_file.replace(mac_of(0), '{{ item.mac }}').replace(phone_rows(1)[0]['address'], '{{ item.address }}')
    template = template.replace('%s="15"' % PERIOD, '%s="{{ item.period }}"' % PERIOD)
    assert template.count('item.period') == 1 and 'item.mac' in template and 'item.address' in template, template
    return template


def template_loop(workdir, inventory, share, phones, changed):
    """ansible.builtin.template over phones of the share (the CSV as the role last read it); returns seconds."""
    rows = phone_rows(phones, changed=changed)
    with open(os.path.join(share, phone_file(0))) as handle:
        template = loop_template(handle.read())
    source = os.path.join(workdir, 'loop-phone.cfg.j2')
    with open(source, 'w') as handle:
        handle.write(template)
    loop_root = os.path.join(workdir, 'loop-share')
    os.makedirs(loop_root)
    task = {'name': 'One file per phone', 'ansible.builtin.template': {'src': source, 'dest': loop_root + '/{{ item.mac }}-lync.cfg', 'mode': '0644'},
            'loop': rows, 'loop_control': {'label': '{{ item.mac }}'}}
    run = ansible_playbook(write_play(os.path.join(workdir, 'template-loop.yml'), [task]), inventory)
    assert run.host()['changed'] == 1, run.recap
    for index in range(phones):
        with open(os.path.join(share, phone_file(index)), 'rb') as ours, open(os.path.join(loop_root, phone_file(index)), 'rb') as theirs:
            assert ours.read() == theirs.read(), 'the loop wrote another content than the role for %s' % phone_file(index)
    return run.elapsed


def startup(workdir, inventory, rounds):
    """ansible-playbook with one debug task on the same inventory: the part of every figure no role can save."""
    play = write_play(os.path.join(workdir, 'startup.yml'), [{'name': 'Nothing', 'ansible.builtin.debug': {'msg': 'start-up only'}}])
    return [ansible_playbook(play, inventory).elapsed for _index in range(rounds)]


def run(args, workdir, table):
    """Add the Lync rows to table."""
    share = os.path.join(workdir, 'share')
    csv_path = os.path.join(workdir, 'phones.csv')
    inventory = write_inventory(os.path.join(workdir, 'inventory'), share, csv_path)
    figures = ([], [], [])
    for index in range(args.rounds):
        print('lync round %d/%d: lync.yml first run, no-change run, one phone changed (%d phones)' % (index + 1, args.rounds, args.phones), flush=True)
        for figure, elapsed in zip(figures, lync_round(share, csv_path, inventory, args.phones, changed=index + 1)):
            figure.append(elapsed)
    idle = startup(workdir, inventory, args.rounds)
    loop_phones = min(args.loop_phones, args.phones)
    print('template loop: %d phones' % loop_phones, flush=True)
    loop = template_loop(workdir, inventory, share, loop_phones, changed=args.rounds)

    first, no_change, one_changed = figures
    name = 'lync.yml (role as shipped, verify on), %d phones' % args.phones
    table.add(name + ': first run, empty share', timed(first), '<= 5 s', statistics.median(first) <= 5)
    table.add(name + ': no-change run', timed(no_change), '<= 3 s', statistics.median(no_change) <= 3)
    table.add(name + ': one phone changed', timed(one_changed), '<= 3 s', statistics.median(one_changed) <= 3)
    table.add('ansible-playbook start-up: one debug task, same inventory (part of every run above)', timed(idle))
    per_role = statistics.median(first) / args.phones
    per_loop = loop / loop_phones
    table.add('ansible.builtin.template loop, %d phones' % loop_phones, '%.1f s = %.1f ms/phone' % (loop, per_loop * 1000))
    table.add('per phone: role first run vs template loop', '%.3f ms vs %.1f ms = %.0fx' % (per_role * 1000, per_loop * 1000, per_loop / per_role),
              '>= 1000x', per_loop / per_role >= 1000)
