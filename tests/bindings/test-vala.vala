/* test-vala.vala: a source and a replica written in Vala, through ro-glib-1.0.vapi
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* Properties are replicated, plain signals forwarded; action signals are
 * methods, answered by their class handler. */
public class Counter : GLib.Object {
    public int count { get; set; default = 1; }
    public string label { get; set; default = "vala"; }

    public signal void bumped (string who, int by);

    [Signal (action = true)]
    public virtual signal int add (int a, int b) {
        return a + b;
    }

    [Signal (action = true)]
    public virtual signal void bump (string who, int by) {
        count += by;
        bumped (who, by);
    }
}

const int TIMEOUT_MS = 20000;

/* Runs the default context until @done is true. */
void wait_until (ref bool done, string what) {
    var deadline = GLib.get_monotonic_time () + TIMEOUT_MS * 1000;
    var tick = GLib.Timeout.add (50, () => GLib.Source.CONTINUE);
    while (!done) {
        if (GLib.get_monotonic_time () > deadline)
            GLib.error ("timed out waiting for %s", what);
        GLib.MainContext.default ().iteration (true);
    }
    GLib.Source.remove (tick);
}

async Ro.Replica acquire (Ro.Node node, string name) throws GLib.Error {
    return yield node.acquire_async (name, null);
}

async GLib.Variant? call (Ro.Replica replica, string method, GLib.Variant? args) throws GLib.Error {
    return yield replica.call_async (method, args, null);
}

Ro.Replica acquire_and_wait (Ro.Node node, string name) {
    Ro.Replica? replica = null;
    GLib.Error? error = null;
    bool done = false;

    acquire.begin (node, name, (obj, res) => {
        try {
            replica = acquire.end (res);
        } catch (GLib.Error e) {
            error = e;
        }
        done = true;
    });
    wait_until (ref done, "the replica of " + name);
    assert_no_error (error);
    return (!) replica;
}

GLib.Variant call_and_wait (Ro.Replica replica, string method, GLib.Variant? args) {
    GLib.Variant? result = null;
    GLib.Error? error = null;
    bool done = false;

    call.begin (replica, method, args, (obj, res) => {
        try {
            result = call.end (res);
        } catch (GLib.Error e) {
            error = e;
        }
        done = true;
    });
    wait_until (ref done, "the reply to " + method);
    assert_no_error (error);
    return (!) result;
}

void assert_no_error (GLib.Error? error) {
    if (error != null)
        GLib.error ("unexpected error: %s", ((!) error).message);
}

void test_roundtrip () {
    var counter = new Counter ();
    Ro.Host host;
    var node = new Ro.Node ();

    try {
        host = new Ro.Host ("tcp://127.0.0.1:0");
        host.enable_remoting (counter, "Counter");
        assert (host.get_url ().has_prefix ("tcp://127.0.0.1:"));
        node.connect_to_node ((!) host.get_url ());
    } catch (GLib.Error e) {
        GLib.error ("%s", e.message);
    }

    var replica = acquire_and_wait (node, "Counter");
    assert (replica.is_valid ());
    assert (replica.state == Ro.ReplicaState.VALID);
    assert (replica.get_name () == "Counter");

    /* The replica has real properties named as the source's. */
    int count = 0;
    string? label = null;
    replica.get ("count", out count, "label", out label);
    assert (count == 1);
    assert (label == "vala");
    assert (replica.get_value ("count").get_int32 () == 1);

    var info = (!) replica.get_interface_info ();
    assert (info.get_name () == "Counter");
    var index = info.lookup_method ("add");
    assert (index >= 0);
    assert (info.get_method_arg_types (index).dup_string () == "(ii)");
    assert (info.get_method_return_type (index).dup_string () == "(i)");

    /* notify:: follows the source. */
    bool notified = false;
    replica.notify["count"].connect (() => { notified = true; });
    counter.count = 5;
    wait_until (ref notified, "notify::count");
    replica.get ("count", out count);
    assert (count == 5);

    /* Forwarded signals, through the generic remote-signal. */
    string? who = null;
    int by = 0;
    bool signalled = false;
    replica.remote_signal["bumped"].connect ((name, args) => {
        assert (name == "bumped");
        args.get ("(msi)", out who, out by);
        signalled = true;
    });
    counter.bumped ("source", 2);
    wait_until (ref signalled, "bumped");
    assert (who == "source");
    assert (by == 2);

    /* Methods, asynchronously and synchronously. */
    var sum = call_and_wait (replica, "add", new GLib.Variant ("(ii)", 2, 3));
    assert (sum.get_type_string () == "(i)");
    assert (sum.get_child_value (0).get_int32 () == 5);

    try {
        var result = replica.call_sync ("add", new GLib.Variant ("(ii)", 20, 22), 5000);
        assert (((!) result).get_child_value (0).get_int32 () == 42);
    } catch (GLib.Error e) {
        GLib.error ("%s", e.message);
    }

    signalled = false;
    var nothing = call_and_wait (replica, "bump", new GLib.Variant ("(si)", "replica", 10));
    assert (nothing.get_type_string () == "()");
    wait_until (ref signalled, "bumped by the call");
    assert (who == "replica");
    assert (counter.count == 15);

    /* Errors come as Ro.Error. */
    try {
        replica.call_sync ("no-such-method", null, 5000);
        assert_not_reached ();
    } catch (Ro.Error e) {
        assert (e is Ro.Error.NOT_FOUND);
    } catch (GLib.Error e) {
        GLib.error ("unexpected error: %s", e.message);
    }

    host.disable_remoting ("Counter");
    bool suspect = false;
    replica.state_changed.connect ((new_state, old_state) => {
        suspect = new_state == Ro.ReplicaState.SUSPECT && old_state == Ro.ReplicaState.VALID;
    });
    wait_until (ref suspect, "SUSPECT");
}

int main (string[] args) {
    GLib.Test.init (ref args);
    GLib.Test.add_func ("/Ro/Bindings/vala/roundtrip", test_roundtrip);
    return GLib.Test.run ();
}
