#!/usr/bin/env python3
# test-replica.py: a PyGObject replica of a source shared by a C process
#
# Copyright 2026 The libro-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Runs against the uninstalled typelib: meson sets GI_TYPELIB_PATH and
# LD_LIBRARY_PATH to the build tree and RO_TEST_DAEMON to ro-test-daemon,
# which shares a TestThing (tests/test-types.c) under "Thing" and takes
# commands on its stdin. Prints TAP.

import os
import subprocess
import sys
import traceback
import unittest


def skip_all(reason):
    print(f'1..0 # SKIP {reason}')
    sys.exit(0)


try:
    import gi
except ImportError:
    skip_all('PyGObject (python3-gi) is not installed for ' + sys.executable)

try:
    gi.require_version('Ro', '1.0')
except ValueError:
    skip_all('Ro-1.0.typelib is not in GI_TYPELIB_PATH: introspection was not built')

from gi.repository import GLib, GObject, Gio, Ro  # noqa: E402

TIMEOUT_S = 20


def wait_until(condition, what):
    """Iterates the default main context until condition() is true."""
    context = GLib.MainContext.default()
    deadline = GLib.get_monotonic_time() + TIMEOUT_S * 1000000
    # Wakes the context up now and then, so that the deadline is checked.
    tick = GLib.timeout_add(50, lambda: GLib.SOURCE_CONTINUE)
    try:
        while not condition():
            if GLib.get_monotonic_time() > deadline:
                raise AssertionError(f'timed out waiting for {what}')
            context.iteration(True)
    finally:
        GLib.source_remove(tick)


class Daemon:
    """ro-test-daemon in a child process, driven through its stdin."""

    def __init__(self, url='tcp://127.0.0.1:0'):
        path = os.environ.get('RO_TEST_DAEMON')
        if not path:
            raise AssertionError('RO_TEST_DAEMON is not set: run through meson test')
        self.process = subprocess.Popen([path, url, 'Thing'],
                                        stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE,
                                        text=True)
        words = self.process.stdout.readline().split()
        if len(words) != 2 or words[0] != 'READY':
            self.stop()
            raise AssertionError(f'ro-test-daemon did not start: {words}')
        self.url = words[1]

    def send(self, command):
        self.process.stdin.write(command + '\n')
        self.process.stdin.flush()

    def stop(self):
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


class ThingReplica(Ro.Replica):
    """A typed replica written in Python: PyGObject serves the properties of
    its classes itself, so the getter reads the replica's value and the
    setter pushes."""

    __gtype_name__ = 'PyThingReplica'

    @GObject.Property(type=int, flags=GObject.ParamFlags.READWRITE | GObject.ParamFlags.EXPLICIT_NOTIFY)
    def count(self):
        value = self.get_value('count')
        return value.unpack() if value is not None else -1

    @count.setter
    def count(self, count):
        self.push_value('count', GLib.Variant('i', count))

    overheat = GObject.Signal(arg_types=(str, float))


class ReplicaTest(unittest.TestCase):

    def setUp(self):
        self.daemon = Daemon()
        self.node = Ro.Node.new()
        self.assertTrue(self.node.connect_to_node(self.daemon.url))

    def tearDown(self):
        self.node = None
        self.daemon.stop()

    def acquire(self, name='Thing'):
        done = []

        def acquired_cb(node, result):
            try:
                done.append(node.acquire_finish(result))
            except GLib.Error as error:
                done.append(error)

        self.node.acquire_async(name, None, acquired_cb)
        wait_until(lambda: done, f'the replica of {name}')
        if isinstance(done[0], GLib.Error):
            raise done[0]
        return done[0]

    def call(self, replica, method, args, cancellable=None):
        """ro_replica_call_async, then ro_replica_call_finish."""
        done = []

        def called_cb(replica, result):
            try:
                done.append(replica.call_finish(result))
            except GLib.Error as error:
                done.append(error)

        replica.call_async(method, args, cancellable, called_cb)
        wait_until(lambda: done, f'the reply to {method}')
        if isinstance(done[0], GLib.Error):
            raise done[0]
        return done[0]

    def test_properties(self):
        replica = self.acquire()
        self.assertIsInstance(replica, Ro.Replica)
        self.assertEqual(replica.get_state(), Ro.ReplicaState.VALID)
        self.assertTrue(replica.is_valid())
        self.assertEqual(replica.props.state, Ro.ReplicaState.VALID)
        self.assertEqual(replica.get_name(), 'Thing')
        self.assertIs(replica.get_node(), self.node)

        # Real GObject properties, named as the source's.
        self.assertEqual(replica.props.count, 0)
        self.assertEqual(replica.props.temperature, 20.0)
        self.assertEqual(replica.props.room, 'kitchen')
        self.assertEqual(replica.props.serial, 'SN-1')
        self.assertEqual(replica.props.tags, [])
        self.assertEqual(replica.props.big, 0)
        self.assertEqual(replica.get_property('room'), 'kitchen')

        # The generic accessors give GVariants.
        value = replica.get_value('temperature')
        self.assertEqual(value.get_type_string(), 'd')
        self.assertEqual(value.unpack(), 20.0)
        self.assertIsNone(replica.get_value('no-such-property'))

        info = replica.get_interface_info()
        self.assertEqual(info.get_name(), 'TestThing')
        self.assertEqual(len(info.get_signature()), 64)
        index = info.lookup_property('count')
        self.assertGreaterEqual(index, 0)
        self.assertEqual(info.get_property_type(index).dup_string(), 'i')
        self.assertEqual(info.get_property_mode(index), Ro.PropertyMode.READWRITE)
        index = info.lookup_method('add')
        self.assertEqual(info.get_method_arg_types(index).dup_string(), '(ii)')
        self.assertEqual(info.get_method_return_type(index).dup_string(), '(i)')
        index = info.lookup_signal('overheat')
        self.assertEqual(info.get_signal_arg_types(index).dup_string(), '(msd)')
        self.assertIn('Thing', self.node.list_remote_objects())

    def test_notify(self):
        replica = self.acquire()
        notified = []
        changes = []
        replica.connect('notify::count', lambda obj, pspec: notified.append(obj.props.count))
        replica.connect('value-changed::count', lambda obj, name, value: changes.append((name, value.unpack())))

        self.daemon.send('count 7')
        wait_until(lambda: notified, 'notify::count')
        self.assertEqual(notified, [7])
        self.assertEqual(replica.props.count, 7)
        self.assertEqual(changes, [('count', 7)])

        self.daemon.send('temp 25.5')
        wait_until(lambda: replica.props.temperature == 25.5, 'the new temperature')

    def test_push(self):
        replica = self.acquire()
        notified = []
        replica.connect('notify::count', lambda obj, pspec: notified.append(obj.props.count))

        # Setting a READWRITE property asks the source; the value comes back.
        replica.props.count = 11
        wait_until(lambda: notified, 'the pushed count')
        self.assertEqual(replica.props.count, 11)

        replica.push_value('room', GLib.Variant('ms', 'attic'))
        wait_until(lambda: replica.props.room == 'attic', 'the pushed room')

    def test_forwarded_signal(self):
        replica = self.acquire()
        seen = []
        generic = []
        replica.connect('overheat', lambda obj, reason, temperature: seen.append((reason, temperature)))
        replica.connect('remote-signal::overheat', lambda obj, name, args: generic.append((name, args.unpack())))

        self.daemon.send('overheat boiling')
        wait_until(lambda: seen and generic, 'the overheat signal')
        self.assertEqual(seen, [('boiling', 99.0)])
        self.assertEqual(generic, [('overheat', ('boiling', 99.0))])

    def test_call_async(self):
        replica = self.acquire()
        result = self.call(replica, 'add', GLib.Variant('(ii)', (2, 3)))
        self.assertEqual(result.get_type_string(), '(i)')
        self.assertEqual(result.unpack(), (5,))

        # The source's handler replies 50 ms after it returned.
        result = self.call(replica, 'echo-later', GLib.Variant('(s)', ('hello',)))
        self.assertEqual(result.unpack(), ('hello',))

        # A method returning nothing gives ().
        result = self.call(replica, 'group', GLib.Variant('(id)', (4, 30.0)))
        self.assertEqual(result.get_type_string(), '()')
        wait_until(lambda: replica.props.count == 4, 'the grouped count')

        # Fire and forget: no callback, and no reply asked for.
        replica.call_async('burst', GLib.Variant('(i)', (3,)), None, None)
        wait_until(lambda: replica.props.count == 3, 'the burst')

    def test_call_sync(self):
        replica = self.acquire()
        result = replica.call_sync('add', GLib.Variant('(ii)', (20, 22)), 5000, None)
        self.assertEqual(result.unpack(), (42,))

        # Values the source set before replying are visible at once.
        result = replica.call_sync('heat', GLib.Variant('(d)', (1.5,)), 5000, None)
        self.assertEqual(result.unpack(), (21.5,))
        self.assertEqual(replica.props.temperature, 21.5)

        result = replica.call_sync('echo-later', GLib.Variant('(s)', ('later',)), 5000, None)
        self.assertEqual(result.unpack(), ('later',))

    def test_errors(self):
        replica = self.acquire()
        with self.assertRaises(GLib.Error) as caught:
            replica.call_sync('fail', GLib.Variant('(s)', ('no',)), 5000, None)
        self.assertTrue(caught.exception.matches(Ro.error_quark(), Ro.Error.REMOTE))
        self.assertIn('refused: no', caught.exception.message)

        with self.assertRaises(GLib.Error) as caught:
            self.call(replica, 'no-such-method', None)
        self.assertTrue(caught.exception.matches(Ro.error_quark(), Ro.Error.NOT_FOUND))

        with self.assertRaises(GLib.Error) as caught:
            replica.call_sync('add', GLib.Variant('(s)', ('x',)), 5000, None)
        self.assertTrue(caught.exception.matches(Ro.error_quark(), Ro.Error.INVALID_ARGUMENTS))

    def test_cancel(self):
        replica = self.acquire()
        saw_cancel = []
        replica.connect('saw-cancel', lambda obj, n: saw_cancel.append(n))
        cancellable = Gio.Cancellable()
        GLib.timeout_add(100, lambda: cancellable.cancel() and GLib.SOURCE_REMOVE)
        with self.assertRaises(GLib.Error) as caught:
            self.call(replica, 'wait-cancel', None, cancellable)
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED))
        # The source's invocation was cancelled too.
        wait_until(lambda: saw_cancel, 'saw-cancel')
        self.assertEqual(saw_cancel, [1])

    def test_dynamic_replica_states(self):
        replica = self.node.acquire_dynamic('Thing')
        self.assertIs(type(replica), Ro.Replica)
        states = []
        replica.connect('state-changed', lambda obj, new, old: states.append(new))
        self.assertTrue(replica.wait_for_source(TIMEOUT_S * 1000))
        self.assertEqual(replica.get_value('serial').unpack(), 'SN-1')

        self.daemon.send('disable')
        wait_until(lambda: replica.get_state() == Ro.ReplicaState.SUSPECT, 'SUSPECT')
        self.daemon.send('enable')
        wait_until(lambda: replica.get_state() == Ro.ReplicaState.VALID, 'VALID again')
        wait_until(lambda: states[-1:] == [Ro.ReplicaState.VALID], 'state-changed to VALID')
        self.assertIn(Ro.ReplicaState.SUSPECT, states)

    def test_typed_replica(self):
        # ro_node_acquire() takes the GType of a Python subclass.
        replica = self.node.acquire(ThingReplica.__gtype__, 'Thing')
        self.assertIsInstance(replica, ThingReplica)
        self.assertEqual(replica.props.count, -1)
        self.assertTrue(replica.wait_for_source(TIMEOUT_S * 1000))
        self.assertEqual(replica.props.count, 0)

        notified = []
        seen = []
        replica.connect('notify::count', lambda obj, pspec: notified.append(obj.props.count))
        replica.connect('overheat', lambda obj, reason, temperature: seen.append((reason, temperature)))
        self.daemon.send('count 5')
        self.daemon.send('overheat typed')
        wait_until(lambda: 5 in notified and seen, 'notify::count and overheat')
        self.assertEqual(seen, [('typed', 99.0)])

        replica.props.count = 9
        wait_until(lambda: replica.props.count == 9, 'the pushed count')

    def test_values(self):
        # The conversions sources and replicas use, on GValues.
        value = GLib.Variant('i', 42)
        gvalue = GObject.Value(GObject.TYPE_INT)
        self.assertTrue(Ro.value_from_variant(value, gvalue))
        self.assertEqual(gvalue.get_int(), 42)
        self.assertEqual(Ro.value_to_variant(gvalue).unpack(), 42)
        self.assertEqual(Ro.value_type_for_gtype(GObject.TYPE_DOUBLE).dup_string(), 'd')
        with self.assertRaises(GLib.Error) as caught:
            Ro.value_type_for_gtype(GObject.TYPE_OBJECT)
        self.assertTrue(caught.exception.matches(Ro.error_quark(), Ro.Error.INVALID_ARGUMENTS))


def main():
    tests = list(unittest.TestLoader().loadTestsFromTestCase(ReplicaTest))
    print(f'1..{len(tests)}', flush=True)
    for number, test in enumerate(tests, 1):
        result = unittest.TestResult()
        test.run(result)
        name = test.id().rsplit('.', 1)[-1]
        if result.skipped:
            print(f'ok {number} - {name} # SKIP {result.skipped[0][1]}')
        elif result.wasSuccessful():
            print(f'ok {number} - {name}')
        else:
            print(f'not ok {number} - {name}')
            for _, text in result.errors + result.failures:
                for line in text.rstrip().splitlines():
                    print(f'# {line}')
        sys.stdout.flush()


if __name__ == '__main__':
    try:
        main()
    except Exception:
        traceback.print_exc()
        sys.exit(1)
