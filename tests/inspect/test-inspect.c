/* test-inspect.c: ro-inspect against a test daemon
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each test spawns ro-test-daemon (a TestThing shared as "Thing") on a Unix
 * socket in a temporary directory or on a loopback TCP port, runs the
 * installed-to-be ro-inspect against it and checks what it prints and how
 * it exits. The daemon is driven through its stdin.
 */

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include <ro-glib/ro-glib.h>

typedef struct
{
  char *dir;
  GSubprocess *daemon;
  GOutputStream *daemon_in;
  GDataInputStream *daemon_out;
  char *url;
} Fixture;

/* The URL to start the daemon on, per transport: where it needs one, the
 * fixture's temporary directory is made first. */
static char *
make_url (Fixture    *fixture,
          const char *transport)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (transport, "tcp"))
    return g_strdup ("tcp://127.0.0.1:0");

  fixture->dir = g_dir_make_tmp ("ro-inspect-XXXXXX", &error);
  g_assert_no_error (error);
  return g_strdup_printf ("unix:%s/thing.sock", fixture->dir);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = make_url (fixture, data);
  g_autofree char *line = NULL;

  fixture->daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                      RO_TEST_DAEMON_PATH, url, NULL);
  g_assert_no_error (error);
  fixture->daemon_in = g_object_ref (g_subprocess_get_stdin_pipe (fixture->daemon));
  fixture->daemon_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->daemon));

  line = g_data_input_stream_read_line_utf8 (fixture->daemon_out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "READY "));
  fixture->url = g_strdup (line + strlen ("READY "));
  if (g_str_equal (data, "tcp"))
    g_assert_cmpstr (fixture->url, !=, "tcp://127.0.0.1:0");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_subprocess_force_exit (fixture->daemon);
  g_subprocess_wait (fixture->daemon, NULL, NULL);
  g_clear_object (&fixture->daemon_in);
  g_clear_object (&fixture->daemon_out);
  g_clear_object (&fixture->daemon);
  g_free (fixture->url);
  if (fixture->dir != NULL)
    {
      g_autofree char *socket = g_build_filename (fixture->dir, "thing.sock", NULL);

      g_unlink (socket);
      g_rmdir (fixture->dir);
      g_free (fixture->dir);
    }
}

/* Sends one command to the daemon and waits until it ran it. */
static void
daemon_send (Fixture    *fixture,
             const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  g_autofree char *done = NULL;

  g_output_stream_write_all (fixture->daemon_in, line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  done = g_data_input_stream_read_line_utf8 (fixture->daemon_out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (done);
  g_assert_true (g_str_has_prefix (done, "DONE "));
}

static GSubprocess *
spawn_tool (const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  GSubprocess *process;

  g_ptr_array_add (argv, (char *) RO_INSPECT_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  return process;
}

static void
communicated_cb (GObject      *process,
                 GAsyncResult *result,
                 gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* Runs ro-inspect with the NULL-terminated arguments to completion and
 * gives its exit status, output and error output. */
static int
run_tool (char       **out,
          char       **err,
          const char  *first,
          ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  /* The default context keeps running meanwhile, for a host in this
   * process. */
  process = spawn_tool ((const char * const *) args->pdata);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_utf8_finish (process, result, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_test_message ("ro-inspect %s: exit %d\nout: %s\nerr: %s", first != NULL ? first : "",
                  g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1,
                  stdout_text, stderr_text);
  /* A crash or a sanitizer's abort is never a valid answer. */
  g_assert_true (g_subprocess_get_if_exited (process));
  /* Where a failing test shows it (sanitizers exit with 1 too). */
  if (g_subprocess_get_exit_status (process) != 0)
    g_printerr ("ro-inspect %s exited with %d: %s", first != NULL ? first : "",
                g_subprocess_get_exit_status (process), stderr_text);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  return g_subprocess_get_exit_status (process);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The object in @array whose member "name" is @name. */
static JsonObject *
find_named (JsonArray  *array,
            const char *name)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        return object;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
assert_matches (const char *text,
                const char *pattern)
{
  if (!g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0))
    g_error ("“%s” does not match /%s/", text, pattern);
}

#define TIMESTAMP "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *commands[] = { "list", "show", "watch", "call", "set" };

  g_assert_cmpint (run_tool (&out, NULL, "--help", NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (out, commands[i]));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *help = NULL;

      g_assert_cmpint (run_tool (&help, NULL, commands[i], "--help", NULL), ==, 0);
      g_assert_nonnull (strstr (help, "--timeout"));
      g_assert_nonnull (strstr (help, commands[i]));
    }
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tool (&out, NULL, "watch", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--count"));
  g_assert_nonnull (strstr (out, "--json"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tool (&out, NULL, "help", "show", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "URL NAME"));

  /* Usage errors. */
  g_assert_cmpint (run_tool (NULL, &err, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Usage"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (NULL, &err, "frobnicate", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "frobnicate"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (NULL, &err, "show", "unix:/nowhere", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (NULL, &err, "list", "--no-such-option", "unix:/nowhere", NULL), ==, 2);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *expected = g_strdup_printf ("Thing  %s\n", fixture->url);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *thing;

  g_assert_cmpint (run_tool (&out, NULL, "list", fixture->url, NULL), ==, 0);
  g_assert_cmpstr (out, ==, expected);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tool (&out, NULL, "list", "--json", fixture->url, NULL), ==, 0);
  root = parse_json (out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  thing = find_named (json_node_get_array (root), "Thing");
  g_assert_cmpstr (json_object_get_string_member (thing, "url"), ==, fixture->url);
}

static void
test_show (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *header = NULL;

  daemon_send (fixture, "count 5");
  g_assert_cmpint (run_tool (&out, NULL, "show", fixture->url, "Thing", NULL), ==, 0);

  header = g_strdup_printf ("Thing at %s\n", fixture->url);
  g_assert_true (g_str_has_prefix (out, header));
  assert_matches (out, "^  interface  TestThing$");
  assert_matches (out, "^  signature  [0-9a-f]{64}$");
  assert_matches (out, "^  state      VALID$");

  /* Properties: name, type, mode, value. */
  assert_matches (out, "^properties:$");
  assert_matches (out, "^  count +i +READWRITE += 5$");
  assert_matches (out, "^  temperature +d +READONLY += 20\\.0$");
  assert_matches (out, "^  serial +ms +CONSTANT += 'SN-1'$");
  assert_matches (out, "^  room +ms +READWRITE += 'kitchen'$");
  assert_matches (out, "^  tags +as +READWRITE += \\[\\]$");
  assert_matches (out, "^  big +t +READWRITE += 0$");
  assert_matches (out, "^  color +i +READWRITE += 0  \\(enum TestColor: red\\)$");
  assert_matches (out, "^  style +u +READWRITE += 0  \\(flags TestStyle\\)$");
  /* Neither an object nor a write-only value is remoted. */
  g_assert_null (strstr (out, "buddy"));
  g_assert_null (strstr (out, "secret"));

  assert_matches (out, "^signals:$");
  assert_matches (out, "^  overheat +\\(msd\\)$");
  assert_matches (out, "^  painted +\\(i\\)$");
  assert_matches (out, "^  saw-cancel +\\(u\\)$");

  assert_matches (out, "^methods:$");
  assert_matches (out, "^  add +\\(ii\\) -> \\(i\\)$");
  assert_matches (out, "^  heat +\\(d\\) -> \\(d\\)$");
  assert_matches (out, "^  echo-later +\\(ms\\) -> \\(ms\\)$");
  assert_matches (out, "^  fail +\\(ms\\) -> \\(\\)$");

  assert_matches (out, "^enums:$");
  assert_matches (out, "^  TestColor +enum +red=0 green=1 blue=7$");
  assert_matches (out, "^  TestStyle +flags +bold=1 italic=2$");
}

static void
test_show_json (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *member;
  JsonArray *values;

  g_assert_cmpint (run_tool (&out, NULL, "show", "--json", fixture->url, "Thing", NULL), ==, 0);
  root = parse_json (out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Thing");
  g_assert_cmpstr (json_object_get_string_member (object, "url"), ==, fixture->url);
  g_assert_cmpstr (json_object_get_string_member (object, "interface"), ==, "TestThing");
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "signature")), ==, 64);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "VALID");

  member = find_named (json_object_get_array_member (object, "properties"), "count");
  g_assert_cmpstr (json_object_get_string_member (member, "type"), ==, "i");
  g_assert_cmpstr (json_object_get_string_member (member, "mode"), ==, "READWRITE");
  g_assert_cmpint (json_object_get_int_member (member, "value"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (member, "text"), ==, "0");

  member = find_named (json_object_get_array_member (object, "properties"), "temperature");
  g_assert_cmpstr (json_object_get_string_member (member, "mode"), ==, "READONLY");
  g_assert_cmpfloat (json_object_get_double_member (member, "value"), ==, 20.0);

  member = find_named (json_object_get_array_member (object, "properties"), "serial");
  g_assert_cmpstr (json_object_get_string_member (member, "type"), ==, "ms");
  g_assert_cmpstr (json_object_get_string_member (member, "mode"), ==, "CONSTANT");
  g_assert_cmpstr (json_object_get_string_member (member, "value"), ==, "SN-1");

  member = find_named (json_object_get_array_member (object, "properties"), "color");
  g_assert_cmpstr (json_object_get_string_member (member, "enum"), ==, "TestColor");

  member = find_named (json_object_get_array_member (object, "signals"), "overheat");
  g_assert_cmpstr (json_object_get_string_member (member, "args"), ==, "(msd)");

  member = find_named (json_object_get_array_member (object, "methods"), "add");
  g_assert_cmpstr (json_object_get_string_member (member, "args"), ==, "(ii)");
  g_assert_cmpstr (json_object_get_string_member (member, "result"), ==, "(i)");

  member = find_named (json_object_get_array_member (object, "enums"), "TestColor");
  g_assert_false (json_object_get_boolean_member (member, "flags"));
  values = json_object_get_array_member (member, "values");
  g_assert_cmpuint (json_array_get_length (values), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (values, 2), "nick"), ==, "blue");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (values, 2), "value"), ==, 7);
  member = find_named (json_object_get_array_member (object, "enums"), "TestStyle");
  g_assert_true (json_object_get_boolean_member (member, "flags"));
}

/* A running `watch`: its output is read line by line while the daemon is
 * driven. */
typedef struct
{
  GSubprocess *process;
  GDataInputStream *out;
} Watch;

static void
watch_start (Watch              *watch,
             const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autofree char *line = NULL;

  watch->process = spawn_tool (args);
  watch->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (watch->process));

  /* It says so on stderr once its handlers are in place. */
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (watch->process));
  line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Watching "));
}

static char *
watch_read_line (Watch *watch)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (watch->out, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_test_message ("watch: %s", line);
  return line;
}

/* --count makes it exit by itself, with status 0 and nothing more. */
static void
watch_finish (Watch *watch)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rest = NULL;

  rest = g_data_input_stream_read_line_utf8 (watch->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (rest);
  g_subprocess_wait (watch->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (watch->process));
  g_assert_cmpint (g_subprocess_get_exit_status (watch->process), ==, 0);
  g_clear_object (&watch->out);
  g_clear_object (&watch->process);
}

static void
test_watch (Fixture       *fixture,
            gconstpointer  data)
{
  const char *args[] = { "watch", fixture->url, "Thing", "--count", "7", NULL };
  Watch watch = { NULL, NULL };
  g_autofree char *line = NULL;

  watch_start (&watch, args);

  daemon_send (fixture, "count 5");
  line = watch_read_line (&watch);
  assert_matches (line, "^" TIMESTAMP " count = 5$");
  g_clear_pointer (&line, g_free);

  daemon_send (fixture, "overheat boiling");
  line = watch_read_line (&watch);
  assert_matches (line, "^" TIMESTAMP " overheat \\('boiling', 99\\.0\\)$");
  g_clear_pointer (&line, g_free);

  daemon_send (fixture, "temp 31.5");
  line = watch_read_line (&watch);
  assert_matches (line, "^" TIMESTAMP " temperature = 31\\.5$");
  g_clear_pointer (&line, g_free);

  /* Every value of a burst, in order. */
  daemon_send (fixture, "burst 2");
  line = watch_read_line (&watch);
  assert_matches (line, "^" TIMESTAMP " count = 1$");
  g_clear_pointer (&line, g_free);
  line = watch_read_line (&watch);
  assert_matches (line, "^" TIMESTAMP " count = 2$");
  g_clear_pointer (&line, g_free);

  /* A withdrawn source, and its return. */
  daemon_send (fixture, "disable");
  line = watch_read_line (&watch);
  assert_matches (line, "^" TIMESTAMP " state SUSPECT \\(was VALID\\)$");
  g_clear_pointer (&line, g_free);
  daemon_send (fixture, "enable");
  line = watch_read_line (&watch);
  assert_matches (line, "^" TIMESTAMP " state VALID \\(was SUSPECT\\)$");

  watch_finish (&watch);
}

static JsonObject *
watch_read_json (Watch    *watch,
                 JsonNode **root)
{
  g_autofree char *line = watch_read_line (watch);
  JsonObject *object;

  *root = parse_json (line);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));
  object = json_node_get_object (*root);
  assert_matches (json_object_get_string_member (object, "time"), "^" TIMESTAMP "$");
  return object;
}

static void
test_watch_json (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *args[] = { "watch", "--json", "--count=3", fixture->url, "Thing", NULL };
  Watch watch = { NULL, NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *event;
  JsonArray *event_args;

  watch_start (&watch, args);

  daemon_send (fixture, "count 6");
  event = watch_read_json (&watch, &root);
  g_assert_cmpstr (json_object_get_string_member (event, "event"), ==, "property");
  g_assert_cmpstr (json_object_get_string_member (event, "name"), ==, "count");
  g_assert_cmpint (json_object_get_int_member (event, "value"), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (event, "text"), ==, "6");
  g_clear_pointer (&root, json_node_unref);

  daemon_send (fixture, "overheat hot");
  event = watch_read_json (&watch, &root);
  g_assert_cmpstr (json_object_get_string_member (event, "event"), ==, "signal");
  g_assert_cmpstr (json_object_get_string_member (event, "name"), ==, "overheat");
  event_args = json_object_get_array_member (event, "args");
  g_assert_cmpuint (json_array_get_length (event_args), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (event_args, 0), ==, "hot");
  g_assert_cmpfloat (json_array_get_double_element (event_args, 1), ==, 99.0);
  g_clear_pointer (&root, json_node_unref);

  /* A lost host. */
  g_subprocess_force_exit (fixture->daemon);
  event = watch_read_json (&watch, &root);
  g_assert_cmpstr (json_object_get_string_member (event, "event"), ==, "state");
  g_assert_cmpstr (json_object_get_string_member (event, "state"), ==, "SUSPECT");
  g_assert_cmpstr (json_object_get_string_member (event, "previous"), ==, "VALID");

  watch_finish (&watch);
}

static void
test_call (Fixture       *fixture,
           gconstpointer  data)
{
  const char *url = fixture->url;
  char *out = NULL, *err = NULL;

  g_assert_cmpint (run_tool (&out, NULL, "call", url, "Thing", "add", "2", "40", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "(42,)\n");
  g_clear_pointer (&out, g_free);

  /* Negative numbers are arguments, not options. */
  g_assert_cmpint (run_tool (&out, NULL, "call", url, "Thing", "add", "-3", "4", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "(1,)\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tool (&out, NULL, "call", url, "Thing", "add", "--", "-3", "-4", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "(-7,)\n");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_tool (&out, NULL, "call", "--timeout", "3000", url, "Thing", "heat", "1.5", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "(21.5,)\n");
  g_clear_pointer (&out, g_free);

  /* A string argument, bare or quoted. */
  g_assert_cmpint (run_tool (&out, NULL, "call", url, "Thing", "echo-later", "hello", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "(@ms 'hello',)\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tool (&out, NULL, "call", url, "Thing", "echo-later", "'hi there'", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "(@ms 'hi there',)\n");
  g_clear_pointer (&out, g_free);

  /* The source's error. */
  g_assert_cmpint (run_tool (&out, &err, "call", url, "Thing", "fail", "why", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "refused: why"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No such method; wrong arguments. */
  g_assert_cmpint (run_tool (&out, &err, "call", url, "Thing", "frobnicate", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "frobnicate"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (NULL, &err, "call", url, "Thing", "add", "1", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "(ii)"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (NULL, &err, "call", url, "Thing", "add", "one", "2", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“one” as a value of type i:"));
  g_clear_pointer (&err, g_free);
}

static void
test_set (Fixture       *fixture,
          gconstpointer  data)
{
  const char *url = fixture->url;
  g_autoptr(JsonNode) root = NULL;
  char *out = NULL, *err = NULL;

  /* The source's resulting value comes back. */
  g_assert_cmpint (run_tool (&out, NULL, "set", url, "Thing", "count", "7", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "count = 7\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tool (&out, NULL, "show", "--json", url, "Thing", NULL), ==, 0);
  root = parse_json (out);
  g_assert_cmpint (json_object_get_int_member (find_named (json_object_get_array_member (json_node_get_object (root),
                                                                                         "properties"),
                                                           "count"),
                                               "value"),
                   ==, 7);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_tool (&out, NULL, "set", url, "Thing", "count", "-2", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "count = -2\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tool (&out, NULL, "set", url, "Thing", "room", "hall", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "room = 'hall'\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tool (&out, NULL, "set", url, "Thing", "tags", "['a', 'b']", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "tags = ['a', 'b']\n");
  g_clear_pointer (&out, g_free);

  /* Enum and flags nicks. */
  g_assert_cmpint (run_tool (&out, NULL, "set", url, "Thing", "color", "blue", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "color = 7\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tool (&out, NULL, "set", url, "Thing", "style", "bold|italic", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "style = 3\n");
  g_clear_pointer (&out, g_free);

  /* Refusals. */
  g_assert_cmpint (run_tool (&out, &err, "set", url, "Thing", "temperature", "5", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "read-only"));
  g_assert_null (strstr (err, "WARNING"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (&out, &err, "set", url, "Thing", "serial", "'x'", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "read-only"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (&out, &err, "set", url, "Thing", "count", "many", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "many"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (NULL, &err, "set", url, "Thing", "nothing-here", "1", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "nothing-here"));
  g_clear_pointer (&err, g_free);
}

static void
test_unknown_source (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tool (NULL, &err, "show", fixture->url, "Nobody", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Nobody"));
  g_assert_nonnull (strstr (err, fixture->url));
}

static void
test_bad_url (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tool (&out, &err, "show", "bogus://nowhere", "Thing", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "bogus://nowhere"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (NULL, &err, "list", "tcp://127.0.0.1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "tcp://127.0.0.1"));
}

/* Exits with 2 once the timeout has passed, not before, not much later. */
static void
assert_no_answer (const char *command,
                  const char *url)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  if (g_str_equal (command, "list"))
    g_assert_cmpint (run_tool (&out, &err, "list", "--timeout", "400", url, NULL), ==, 2);
  else
    g_assert_cmpint (run_tool (&out, &err, command, "--timeout", "400", url, "Thing", "x", "1", NULL), ==, 2);
  elapsed = (g_get_monotonic_time () - start) / 1000;
  g_assert_cmpint (elapsed, >=, 400);
  g_assert_cmpint (elapsed, <, 4000);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, url));
  g_assert_nonnull (strstr (err, "400 ms"));
}

static void
test_no_answer (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ro-inspect-XXXXXX", &error);
  g_autofree char *unix_url = g_strdup_printf ("unix:%s/nobody.sock", dir);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *tcp_url = NULL;

  g_assert_no_error (error);

  /* Nothing listens on the path. */
  assert_no_answer ("list", unix_url);
  assert_no_answer ("set", unix_url);

  /* Something listens on the port, but never accepts or speaks. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  tcp_url = g_strdup_printf ("tcp://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  assert_no_answer ("list", tcp_url);
  assert_no_answer ("call", tcp_url);

  g_rmdir (dir);
}

/* Stands in for the source a RoRegistryHost shares as "Registry": its
 * `sources` property lists (name, host URL, interface signature). */
#define TEST_TYPE_FAKE_REGISTRY (test_fake_registry_get_type ())
G_DECLARE_FINAL_TYPE (TestFakeRegistry, test_fake_registry, TEST, FAKE_REGISTRY, GObject)

struct _TestFakeRegistry
{
  GObject parent_instance;
  GVariant *sources;
};

G_DEFINE_FINAL_TYPE (TestFakeRegistry, test_fake_registry, G_TYPE_OBJECT)

static void
test_fake_registry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  g_value_set_variant (value, TEST_FAKE_REGISTRY (object)->sources);
}

static void
test_fake_registry_finalize (GObject *object)
{
  g_clear_pointer (&TEST_FAKE_REGISTRY (object)->sources, g_variant_unref);
  G_OBJECT_CLASS (test_fake_registry_parent_class)->finalize (object);
}

static void
test_fake_registry_class_init (TestFakeRegistryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_fake_registry_get_property;
  object_class->finalize = test_fake_registry_finalize;
  g_object_class_install_property (object_class, 1,
                                   g_param_spec_variant ("sources", NULL, NULL, G_VARIANT_TYPE ("a(sss)"), NULL,
                                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
test_fake_registry_init (TestFakeRegistry *self)
{
}

/* A registry's list names sources of other hosts: list shows them with
 * those hosts' URLs, and show finds a source through it. */
static void
test_registry (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *registry_url = g_strdup_printf ("unix:%s/registry.sock", fixture->dir);
  g_autofree char *socket = g_build_filename (fixture->dir, "registry.sock", NULL);
  g_autoptr(TestFakeRegistry) registry = g_object_new (TEST_TYPE_FAKE_REGISTRY, NULL);
  g_autoptr(RoHost) host = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *header = NULL;
  JsonObject *thing;

  registry->sources = g_variant_ref_sink (g_variant_new_parsed ("[('Thing', %s, 'feed'), ('Far', 'tcp://127.0.0.1:9', 'beef')]",
                                                                fixture->url));
  host = ro_host_new (registry_url, &error);
  g_assert_no_error (error);
  ro_host_enable_remoting (host, G_OBJECT (registry), "Registry", &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_tool (&out, NULL, "list", ro_host_get_url (host), NULL), ==, 0);
  expected = g_strdup_printf ("Far       tcp://127.0.0.1:9\n"
                              "Registry  %s\n"
                              "Thing     %s\n", ro_host_get_url (host), fixture->url);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_tool (&out, NULL, "list", "--json", ro_host_get_url (host), NULL), ==, 0);
  root = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 3);
  thing = find_named (json_node_get_array (root), "Thing");
  g_assert_cmpstr (json_object_get_string_member (thing, "url"), ==, fixture->url);
  g_assert_cmpstr (json_object_get_string_member (thing, "signature"), ==, "feed");
  g_clear_pointer (&out, g_free);

  /* Found at the host the registry names. */
  g_assert_cmpint (run_tool (&out, NULL, "show", ro_host_get_url (host), "Thing", NULL), ==, 0);
  header = g_strdup_printf ("Thing at %s\n", fixture->url);
  g_assert_true (g_str_has_prefix (out, header));
  g_clear_pointer (&out, g_free);

  g_clear_object (&host);
  g_unlink (socket);
}

static gboolean
registry_lists (RoReplica  *registry,
                const char *name)
{
  g_autoptr(GVariant) value = ro_replica_get_value (registry, "sources");
  g_autofree char *text = value != NULL ? g_variant_print (value, FALSE) : NULL;
  g_autofree char *quoted = g_strdup_printf ("'%s'", name);

  return text != NULL && strstr (text, quoted) != NULL;
}

/* The same against a real RoRegistryHost, with a host that registers
 * there. */
static void
test_registry_host (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ro-inspect-XXXXXX", &error);
  g_autofree char *registry_url = g_strdup_printf ("unix:%s/registry.sock", dir);
  g_autofree char *host_url = g_strdup_printf ("unix:%s/host.sock", dir);
  g_autoptr(TestFakeRegistry) gadget = g_object_new (TEST_TYPE_FAKE_REGISTRY, NULL);
  g_autoptr(RoRegistryHost) registry = NULL;
  g_autoptr(RoHost) host = NULL;
  g_autoptr(RoNode) node = NULL;
  g_autoptr(RoReplica) replica = NULL;
  g_autofree char *out = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *header = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_no_error (error);
  registry = ro_registry_host_new (registry_url, &error);
  g_assert_no_error (error);
  host = ro_host_new (host_url, &error);
  g_assert_no_error (error);
  ro_node_set_registry_url (RO_NODE (host), ro_host_get_url (RO_HOST (registry)), &error);
  g_assert_no_error (error);
  ro_host_enable_remoting (host, G_OBJECT (gadget), "Gadget", &error);
  g_assert_no_error (error);

  /* Registering takes a round trip: wait until the registry tells it. */
  node = ro_node_new ();
  ro_node_connect_to_node (node, ro_host_get_url (RO_HOST (registry)), &error);
  g_assert_no_error (error);
  replica = ro_node_acquire_dynamic (node, "Registry");
  while (!registry_lists (replica, "Gadget"))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_cmpint (run_tool (&out, NULL, "list", ro_host_get_url (RO_HOST (registry)), NULL), ==, 0);
  pattern = g_strdup_printf ("^Gadget +%s$", ro_host_get_url (host));
  assert_matches (out, pattern);
  g_clear_pointer (&pattern, g_free);
  pattern = g_strdup_printf ("^Registry +%s$", ro_host_get_url (RO_HOST (registry)));
  assert_matches (out, pattern);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_tool (&out, NULL, "show", ro_host_get_url (RO_HOST (registry)), "Gadget", NULL), ==, 0);
  header = g_strdup_printf ("Gadget at %s\n", ro_host_get_url (host));
  g_assert_true (g_str_has_prefix (out, header));
  assert_matches (out, "^  sources +.*READONLY");

  g_clear_object (&replica);
  g_clear_object (&node);
  g_clear_object (&host);
  g_clear_object (&registry);
  {
    g_autofree char *registry_socket = g_build_filename (dir, "registry.sock", NULL);
    g_autofree char *host_socket = g_build_filename (dir, "host.sock", NULL);

    g_unlink (registry_socket);
    g_unlink (host_socket);
    g_rmdir (dir);
  }
}

static void
add_transport_tests (const char *transport)
{
  struct {
    const char *name;
    void (*func) (Fixture *, gconstpointer);
  } cases[] = {
    { "list", test_list },
    { "show", test_show },
    { "show-json", test_show_json },
    { "watch", test_watch },
    { "watch-json", test_watch_json },
    { "call", test_call },
    { "set", test_set },
    { "unknown-source", test_unknown_source },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Ro/Inspect/%s/%s", transport, cases[i].name);

      g_test_add (path, Fixture, transport, fixture_set_up, cases[i].func, fixture_tear_down);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("ro-inspect lists, shows, watches, calls and sets on a test daemon's source");
  g_test_bug ("4");

  g_test_add_func ("/Ro/Inspect/help", test_help);
  g_test_add_func ("/Ro/Inspect/bad-url", test_bad_url);
  g_test_add_func ("/Ro/Inspect/no-answer", test_no_answer);
  add_transport_tests ("unix");
  add_transport_tests ("tcp");
  g_test_add ("/Ro/Inspect/unix/registry", Fixture, "unix", fixture_set_up, test_registry, fixture_tear_down);
  g_test_add_func ("/Ro/Inspect/unix/registry-host", test_registry_host);

  return g_test_run ();
}
