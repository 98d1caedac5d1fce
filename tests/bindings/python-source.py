#!/usr/bin/env python3
# python-source.py: a source written in Python, for test-python-source
#
# Copyright 2026 The libro-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   python-source.py URL [NAME]
#
# Shares a Lamp under NAME (default "Lamp") on a host listening at URL,
# prints "READY <bound url>" and serves until its stdin closes. Commands on
# stdin, one per line:
#   brightness N   set the brightness property
#   temp X         set the read-only temperature property
#   blink TEXT     emit blinked (TEXT, 3)
# Exits with 77 when PyGObject or the Ro typelib is missing.

import sys

try:
    import gi
    gi.require_version('Ro', '1.0')
    from gi.repository import GLib, GObject, Gio, Ro
except (ImportError, ValueError) as error:
    print(f'python-source: cannot load Ro-1.0 through PyGObject: {error}', file=sys.stderr)
    sys.exit(77)

ACTION = GObject.SignalFlags.RUN_LAST | GObject.SignalFlags.ACTION


class Lamp(GObject.Object):
    """Properties are replicated, plain signals forwarded, action signals
    are the methods; a method taking a Ro.Invocation may reply later."""

    __gtype_name__ = 'PyLamp'
    __gsignals__ = {
        'blinked': (GObject.SignalFlags.RUN_LAST, None, (str, int)),
        'add': (ACTION, int, (int, int)),
        'describe': (ACTION, str, (str,)),
        'dim': (ACTION, float, (Ro.Invocation, float)),
        'refuse': (ACTION, None, (Ro.Invocation, str)),
    }

    brightness = GObject.Property(type=int, default=5, minimum=0, maximum=100)
    label = GObject.Property(type=str, default='desk')

    def __init__(self):
        super().__init__()
        self._temperature = 21.5

    @GObject.Property(type=float, flags=GObject.ParamFlags.READABLE)
    def temperature(self):
        return self._temperature

    def set_temperature(self, temperature):
        self._temperature = temperature
        self.notify('temperature')

    # Class handlers of the action signals: the replies.
    def do_add(self, a, b):
        return a + b

    def do_describe(self, text):
        return f'{self.props.label}: {text}'

    def do_dim(self, invocation, by):
        # Replies after returning: the closure keeps the invocation alive.
        def reply():
            self.props.brightness = max(0, self.props.brightness - int(by))
            invocation.return_value(GLib.Variant('(d)', (float(self.props.brightness),)))
            return GLib.SOURCE_REMOVE

        GLib.timeout_add(20, reply)
        return 0.0  # ignored: the invocation carries the reply

    def do_refuse(self, invocation, why):
        error = GLib.Error.new_literal(GLib.quark_from_string('lamp-error'), f'refused: {why}', 3)
        invocation.return_gerror(error)


def main():
    if len(sys.argv) < 2:
        print('usage: python-source.py URL [NAME]', file=sys.stderr)
        return 2

    name = sys.argv[2] if len(sys.argv) > 2 else 'Lamp'
    lamp = Lamp()
    loop = GLib.MainLoop()
    try:
        host = Ro.Host.new(sys.argv[1])
        host.enable_remoting(lamp, name)
    except GLib.Error as error:
        print(f'python-source: {error.message}', file=sys.stderr)
        return 1

    # Reads commands as the C test daemon does, without blocking the loop.
    commands = Gio.DataInputStream.new(Gio.UnixInputStream.new(0, False))

    def command_cb(stream, result):
        line, _ = stream.read_line_finish_utf8(result)
        if line is None:
            loop.quit()
            return
        word, _, rest = line.strip().partition(' ')
        if word == 'brightness':
            lamp.props.brightness = int(rest)
        elif word == 'temp':
            lamp.set_temperature(float(rest))
        elif word == 'blink':
            lamp.emit('blinked', rest, 3)
        else:
            print(f'python-source: unknown command “{line}”', file=sys.stderr)
        print(f'DONE {line}', flush=True)
        stream.read_line_async(GLib.PRIORITY_DEFAULT, None, command_cb)

    commands.read_line_async(GLib.PRIORITY_DEFAULT, None, command_cb)
    print(f'READY {host.get_url()}', flush=True)
    loop.run()
    host.disable_remoting(name)
    return 0


if __name__ == '__main__':
    sys.exit(main())
