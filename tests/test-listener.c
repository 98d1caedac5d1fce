/* test-listener.c: listening and connecting over every URL scheme
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gunixsocketaddress.h>

#include <ro-glib/ro-glib.h>

#include "ro-connector.h"
#include "ro-listener.h"

/* Only loopback and Unix sockets are ever used. */

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates @context until *@flag is set, failing after a generous time. */
static void
iterate_until (GMainContext *context,
               gboolean     *flag)
{
  gboolean timed_out = FALSE;
  GSource *timeout = g_timeout_source_new_seconds (20);

  g_source_set_callback (timeout, on_timeout, &timed_out, NULL);
  g_source_attach (timeout, context);

  while (!*flag && !timed_out)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timeout);
  g_source_unref (timeout);
  g_assert_false (timed_out);
}

/* Runs @context's pending work without blocking. */
static void
iterate_pending (GMainContext *context)
{
  while (g_main_context_iteration (context, FALSE))
    ;
}

typedef struct
{
  GPtrArray *connections; /* GSocketConnection */
  gboolean got_one;
} Incoming;

static void
on_incoming (RoListener        *listener,
             GSocketConnection *connection,
             gpointer           user_data)
{
  Incoming *incoming = user_data;

  g_assert_true (G_IS_SOCKET_CONNECTION (connection));
  g_ptr_array_add (incoming->connections, g_object_ref (connection));
  incoming->got_one = TRUE;
}

static void
incoming_init (Incoming   *incoming,
               RoListener *listener)
{
  incoming->connections = g_ptr_array_new_with_free_func (g_object_unref);
  incoming->got_one = FALSE;
  g_signal_connect (listener, "incoming", G_CALLBACK (on_incoming), incoming);
}

static void
incoming_clear (Incoming *incoming)
{
  g_clear_pointer (&incoming->connections, g_ptr_array_unref);
}

typedef struct
{
  GSocketConnection *connection;
  GError *error;
  gboolean done;
} Connect;

static void
on_connected (GIOStream    *connection,
              const GError *error,
              gpointer      user_data)
{
  Connect *c = user_data;

  g_assert_true ((connection == NULL) != (error == NULL));
  c->connection = connection != NULL ? G_SOCKET_CONNECTION (g_object_ref (connection)) : NULL;
  c->error = error != NULL ? g_error_copy (error) : NULL;
  c->done = TRUE;
}

/* Connects to @url_text on the default main context, as nodes do. */
static GSocketConnection *
connect_to (const char  *url_text,
            GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(RoUrl) url = ro_url_parse (url_text, &parse_error);
  Connect c = { NULL, NULL, FALSE };
  RoConnector *connector;

  g_assert_no_error (parse_error);
  connector = ro_connector_new (url, NULL, on_connected, &c);
  iterate_until (NULL, &c.done);
  ro_connector_free (connector);

  if (c.error != NULL)
    g_propagate_error (error, c.error);
  return c.connection;
}

static void
assert_nodelay (GSocketConnection *connection)
{
  g_autoptr(GError) error = NULL;
  int value = 0;

  g_assert_true (G_IS_TCP_CONNECTION (connection));
  g_assert_true (g_socket_get_option (g_socket_connection_get_socket (connection),
                                      IPPROTO_TCP, TCP_NODELAY, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, !=, 0);
}

static void
send_text (GSocketConnection *connection,
           const char        *text)
{
  g_autoptr(GError) error = NULL;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_assert_true (g_output_stream_write_all (out, text, strlen (text), NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
receive_text (GSocketConnection *connection,
              const char        *expected)
{
  g_autoptr(GError) error = NULL;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  gsize length = strlen (expected);
  g_autofree char *buffer = g_malloc0 (length + 1);
  gsize got = 0;

  /* The peer wrote before this is called, so the blocking read returns. */
  g_assert_true (g_input_stream_read_all (in, buffer, length, &got, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (got, ==, length);
  g_assert_cmpstr (buffer, ==, expected);
}

/* Connects to @listener, checks both ends and exchanges a few bytes each
 * way. */
static void
check_exchange (RoListener *listener)
{
  Incoming incoming;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) client = NULL;
  GSocketConnection *server;

  incoming_init (&incoming, listener);

  client = connect_to (ro_listener_get_url (listener), &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);
  g_assert_true (g_socket_connection_is_connected (client));

  iterate_until (NULL, &incoming.got_one);
  g_assert_cmpuint (incoming.connections->len, ==, 1);
  server = g_ptr_array_index (incoming.connections, 0);

  if (g_str_has_prefix (ro_listener_get_url (listener), "tcp:"))
    {
      assert_nodelay (client);
      assert_nodelay (server);
    }
  else
    {
      g_assert_true (G_IS_UNIX_CONNECTION (client));
      g_assert_true (G_IS_UNIX_CONNECTION (server));
    }

  send_text (client, "ping");
  receive_text (server, "ping");
  send_text (server, "pong!");
  receive_text (client, "pong!");

  g_signal_handlers_disconnect_by_data (listener, &incoming);
  incoming_clear (&incoming);
}

static mode_t
file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (lstat (path, &st), ==, 0);
  return st.st_mode;
}

static gboolean
file_exists (const char *path)
{
  struct stat st;

  return lstat (path, &st) == 0;
}

/* Drops the last reference to *@listener and checks that it is gone: no
 * pending operation keeps it alive. */
static void
assert_finalized (RoListener **listener)
{
  g_object_add_weak_pointer (G_OBJECT (*listener), (gpointer *) listener);
  g_object_unref (*listener);
  g_assert_null (*listener);
}

/* A socket file such as a crashed process leaves behind: bound, then
 * closed without unlinking. */
static void
make_stale_socket (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (path);

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_no_error (error);
  g_assert_true (g_socket_close (socket, &error));
  g_assert_no_error (error);
  g_assert_true (S_ISSOCK (file_mode (path)));
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ro-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
test_local (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = ro_listener_new ("local:printer", &error);
  g_autofree char *directory = g_build_filename (g_get_user_runtime_dir (), "ro-glib", NULL);
  g_autofree char *path = g_build_filename (directory, "printer", NULL);
  g_autofree char *url = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (listener);
  g_assert_cmpstr (ro_listener_get_url (listener), ==, "local:printer");
  g_object_get (listener, "url", &url, NULL);
  g_assert_cmpstr (url, ==, "local:printer");

  g_assert_true (S_ISDIR (file_mode (directory)));
  g_assert_cmpint (file_mode (directory) & 07777, ==, 0700);
  g_assert_true (S_ISSOCK (file_mode (path)));
  g_assert_cmpint (file_mode (path) & 07777, ==, 0600);

  check_exchange (listener);
  check_exchange (listener);

  assert_finalized (&listener);
  g_assert_false (file_exists (path));
  g_assert_true (file_exists (directory));
}

/* The umask must not leak into the modes. */
static void
test_local_umask (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = NULL;
  g_autofree char *directory = g_build_filename (g_get_user_runtime_dir (), "ro-glib", NULL);
  g_autofree char *path = g_build_filename (directory, "umask", NULL);
  mode_t old = umask (0);

  listener = ro_listener_new ("local:umask", &error);
  umask (old);
  g_assert_no_error (error);
  g_assert_cmpint (file_mode (directory) & 07777, ==, 0700);
  g_assert_cmpint (file_mode (path) & 07777, ==, 0600);
}

static void
test_local_directory_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = NULL;
  g_autofree char *directory = g_build_filename (g_get_user_runtime_dir (), "ro-glib", NULL);
  g_autofree char *elsewhere = g_build_filename (g_get_user_runtime_dir (), "elsewhere", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_runtime_dir (), 0700), ==, 0);

  /* Group- or world-accessible. */
  g_assert_cmpint (g_mkdir (directory, 0700), ==, 0);
  g_assert_cmpint (g_chmod (directory, 0750), ==, 0);
  listener = ro_listener_new ("local:x", &error);
  g_assert_null (listener);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, directory));
  g_assert_nonnull (strstr (error->message, "0750"));
  g_clear_error (&error);
  g_assert_cmpint (file_mode (directory) & 07777, ==, 0750);

  g_assert_cmpint (g_chmod (directory, 0703), ==, 0);
  listener = ro_listener_new ("local:x", &error);
  g_assert_null (listener);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* Another owner; only root can arrange that. */
  if (geteuid () == 0)
    {
      g_assert_cmpint (g_chmod (directory, 0700), ==, 0);
      g_assert_cmpint (chown (directory, 65534, 65534), ==, 0);
      listener = ro_listener_new ("local:x", &error);
      g_assert_null (listener);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_nonnull (strstr (error->message, "belongs to user 65534"));
      g_clear_error (&error);
    }
  g_assert_cmpint (g_rmdir (directory), ==, 0);

  /* A symbolic link, even to a private directory. */
  g_assert_cmpint (g_mkdir (elsewhere, 0700), ==, 0);
  g_assert_cmpint (symlink (elsewhere, directory), ==, 0);
  listener = ro_listener_new ("local:x", &error);
  g_assert_null (listener);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "not a directory"));
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (directory), ==, 0);
  g_assert_cmpint (g_rmdir (elsewhere), ==, 0);
}

static void
test_local_abstract (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = NULL;
  g_autoptr(RoListener) second = NULL;
  g_autofree char *url = g_strdup_printf ("localabstract:ro-test-%08x%08x",
                                          g_random_int (), g_random_int ());

  listener = ro_listener_new (url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ro_listener_get_url (listener), ==, url);
  check_exchange (listener);

  second = ro_listener_new (url, &error);
  g_assert_null (second);
  g_assert_error (error, RO_ERROR, RO_ERROR_ADDRESS_IN_USE);
  g_assert_nonnull (strstr (error->message, url));
  g_clear_error (&error);

  /* The first one is unaffected. */
  check_exchange (listener);

  /* Free again once closed. */
  ro_listener_close (listener);
  second = ro_listener_new (url, &error);
  g_assert_no_error (error);
  check_exchange (second);
}

static void
test_unix (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "ro.sock", NULL);
  g_autofree char *url = g_strconcat ("unix:", path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = ro_listener_new (url, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ro_listener_get_url (listener), ==, url);
  g_assert_true (S_ISSOCK (file_mode (path)));
  g_assert_cmpint (file_mode (path) & 07777, ==, 0600);

  check_exchange (listener);

  assert_finalized (&listener);
  g_assert_false (file_exists (path));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_close (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "ro.sock", NULL);
  g_autofree char *url = g_strconcat ("unix:", path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = ro_listener_new (url, &error);
  g_autoptr(GSocketConnection) client = NULL;
  Incoming incoming;

  g_assert_no_error (error);
  incoming_init (&incoming, listener);

  ro_listener_close (listener);
  g_assert_false (file_exists (path));
  ro_listener_close (listener);
  g_assert_cmpstr (ro_listener_get_url (listener), ==, url);

  client = connect_to (url, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (client);
  g_clear_error (&error);

  iterate_pending (NULL);
  g_assert_cmpuint (incoming.connections->len, ==, 0);

  g_clear_object (&listener);
  incoming_clear (&incoming);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A connection queued but not yet accepted when the listener closes is
 * never announced, and nothing is left on the main context. */
static void
test_close_pending (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  Incoming incoming;

  g_main_context_push_thread_default (context);
  listener = ro_listener_new ("tcp://127.0.0.1:0", &error);
  g_main_context_pop_thread_default (context);
  g_assert_no_error (error);
  incoming_init (&incoming, listener);

  /* The kernel completes the handshake; the listener's context never ran. */
  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_uri (client, ro_listener_get_url (listener),
                                               0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_main_context_pending (context));

  ro_listener_close (listener);
  g_assert_false (g_main_context_pending (context));
  assert_finalized (&listener);
  g_assert_cmpuint (incoming.connections->len, ==, 0);

  incoming_clear (&incoming);
}

static void
test_stale_replaced (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "ro.sock", NULL);
  g_autofree char *url = g_strconcat ("unix:", path, NULL);
  g_autofree char *local_path = g_build_filename (g_get_user_runtime_dir (), "ro-glib", "stale", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = NULL;
  g_autoptr(GSocketConnection) client = NULL;
  struct stat before, after;

  make_stale_socket (path);
  g_assert_cmpint (lstat (path, &before), ==, 0);

  /* Nobody listens, as a client finds out. */
  client = connect_to (url, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_clear_error (&error);

  listener = ro_listener_new (url, &error);
  g_assert_no_error (error);
  /* A new file, though the closed socket's inode number may be reused. */
  g_assert_cmpint (lstat (path, &after), ==, 0);
  g_assert_cmpint (after.st_mode & 07777, ==, 0600);
  check_exchange (listener);

  g_clear_object (&listener);
  g_assert_false (file_exists (path));
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  /* Likewise in the local: directory. */
  listener = ro_listener_new ("local:stale", &error);
  g_assert_no_error (error);
  g_clear_object (&listener);
  make_stale_socket (local_path);
  listener = ro_listener_new ("local:stale", &error);
  g_assert_no_error (error);
  check_exchange (listener);
}

static void
test_live_refused (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "ro.sock", NULL);
  g_autofree char *url = g_strconcat ("unix:", path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) first = ro_listener_new (url, &error);
  g_autoptr(RoListener) second = NULL;
  g_autoptr(RoListener) local_first = NULL;
  g_autoptr(RoListener) local_second = NULL;
  struct stat before, after;

  g_assert_no_error (error);
  g_assert_cmpint (lstat (path, &before), ==, 0);

  second = ro_listener_new (url, &error);
  g_assert_null (second);
  g_assert_error (error, RO_ERROR, RO_ERROR_ADDRESS_IN_USE);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* The live socket is still there and still works. */
  g_assert_cmpint (lstat (path, &after), ==, 0);
  g_assert_true (before.st_ino == after.st_ino);
  /* The probe connected; let the listener accept and drop that first. */
  iterate_pending (NULL);
  check_exchange (first);

  local_first = ro_listener_new ("local:live", &error);
  g_assert_no_error (error);
  local_second = ro_listener_new ("local:live", &error);
  g_assert_null (local_second);
  g_assert_error (error, RO_ERROR, RO_ERROR_ADDRESS_IN_USE);
  g_clear_error (&error);
  iterate_pending (NULL);
  check_exchange (local_first);

  g_clear_object (&first);
  g_assert_false (file_exists (path));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_not_a_socket (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "ro.sock", NULL);
  g_autofree char *url = g_strconcat ("unix:", path, NULL);
  g_autofree char *subdir = g_build_filename (dir, "subdir", NULL);
  g_autofree char *subdir_url = g_strconcat ("unix:", subdir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "precious", -1, &error));
  g_assert_no_error (error);

  listener = ro_listener_new (url, &error);
  g_assert_null (listener);
  g_assert_error (error, RO_ERROR, RO_ERROR_ADDRESS_IN_USE);
  g_assert_nonnull (strstr (error->message, "not a socket"));
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "precious");

  g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);
  listener = ro_listener_new (subdir_url, &error);
  g_assert_null (listener);
  g_assert_error (error, RO_ERROR, RO_ERROR_ADDRESS_IN_USE);
  g_clear_error (&error);
  g_assert_true (S_ISDIR (file_mode (subdir)));

  g_assert_cmpint (g_rmdir (subdir), ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A file that replaced our socket belongs to someone else now. */
static void
test_replaced_file_kept (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "ro.sock", NULL);
  g_autofree char *url = g_strconcat ("unix:", path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = ro_listener_new (url, &error);

  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (path), ==, 0);
  make_stale_socket (path);

  g_clear_object (&listener);
  g_assert_true (S_ISSOCK (file_mode (path)));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static guint16
url_port (const char *url_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoUrl) url = ro_url_parse (url_text, &error);

  g_assert_no_error (error);
  g_assert_cmpint (url->scheme, ==, RO_URL_SCHEME_TCP);
  return url->port;
}

static void
test_tcp_ipv4 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = ro_listener_new ("tcp://127.0.0.1:0", &error);
  g_autofree char *expected = NULL;
  guint16 port;

  g_assert_no_error (error);
  port = url_port (ro_listener_get_url (listener));
  g_assert_cmpuint (port, !=, 0);
  expected = g_strdup_printf ("tcp://127.0.0.1:%u", port);
  g_assert_cmpstr (ro_listener_get_url (listener), ==, expected);

  check_exchange (listener);
}

static gboolean
ipv6_loopback_works (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_DEFAULT, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);

  return socket != NULL && g_socket_bind (socket, address, TRUE, NULL);
}

static void
test_tcp_ipv6 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = NULL;
  g_autofree char *expected = NULL;
  guint16 port;

  if (!ipv6_loopback_works ())
    {
      g_test_skip ("IPv6 loopback is not available");
      return;
    }

  listener = ro_listener_new ("tcp://[::1]:0", &error);
  g_assert_no_error (error);
  port = url_port (ro_listener_get_url (listener));
  g_assert_cmpuint (port, !=, 0);
  expected = g_strdup_printf ("tcp://[::1]:%u", port);
  g_assert_cmpstr (ro_listener_get_url (listener), ==, expected);

  check_exchange (listener);
}

static void
connect_and_accept (RoListener *listener,
                    const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) client = NULL;
  Incoming incoming;

  incoming_init (&incoming, listener);
  client = connect_to (url, &error);
  g_assert_no_error (error);
  iterate_until (NULL, &incoming.got_one);
  g_signal_handlers_disconnect_by_data (listener, &incoming);
  incoming_clear (&incoming);
}

/* A name is resolved and the URL keeps it, with the port filled in. */
static void
test_tcp_localhost (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = ro_listener_new ("tcp://localhost:0", &error);
  g_autofree char *expected = NULL;
  guint16 port;

  g_assert_no_error (error);
  port = url_port (ro_listener_get_url (listener));
  g_assert_cmpuint (port, !=, 0);
  expected = g_strdup_printf ("tcp://localhost:%u", port);
  g_assert_cmpstr (ro_listener_get_url (listener), ==, expected);

  check_exchange (listener);

  /* Reachable at 127.0.0.1 on the same port. */
  {
    g_autofree char *ipv4 = g_strdup_printf ("tcp://127.0.0.1:%u", port);

    connect_and_accept (listener, ipv4);
  }
}

/* Resolves "ro-test.invalid" to both loopback addresses, one of them twice,
 * so that binding every address of a name is tested without touching
 * /etc/hosts or DNS. */
#define FAKE_TYPE_RESOLVER (fake_resolver_get_type ())
G_DECLARE_FINAL_TYPE (FakeResolver, fake_resolver, FAKE, RESOLVER, GResolver)

struct _FakeResolver
{
  GResolver parent_instance;
};

G_DEFINE_FINAL_TYPE (FakeResolver, fake_resolver, G_TYPE_RESOLVER)

static GList *
fake_resolver_lookup_by_name (GResolver     *resolver,
                              const char    *hostname,
                              GCancellable  *cancellable,
                              GError       **error)
{
  GList *addresses = NULL;

  if (strcmp (hostname, "ro-test.invalid") != 0)
    {
      g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                   "No host “%s” in the test", hostname);
      return NULL;
    }

  addresses = g_list_prepend (addresses, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4));
  addresses = g_list_prepend (addresses, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6));
  addresses = g_list_prepend (addresses, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4));
  return addresses;
}

static void
fake_resolver_class_init (FakeResolverClass *klass)
{
  G_RESOLVER_CLASS (klass)->lookup_by_name = fake_resolver_lookup_by_name;
}

static void
fake_resolver_init (FakeResolver *self)
{
}

static void
test_tcp_every_address (void)
{
  g_autoptr(GResolver) original = g_resolver_get_default ();
  g_autoptr(GResolver) fake = g_object_new (FAKE_TYPE_RESOLVER, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *ipv4 = NULL;
  guint16 port;

  g_resolver_set_default (fake);

  listener = ro_listener_new ("tcp://ro-test.invalid:0", &error);
  g_assert_no_error (error);
  port = url_port (ro_listener_get_url (listener));
  g_assert_cmpuint (port, !=, 0);
  expected = g_strdup_printf ("tcp://ro-test.invalid:%u", port);
  g_assert_cmpstr (ro_listener_get_url (listener), ==, expected);

  ipv4 = g_strdup_printf ("tcp://127.0.0.1:%u", port);
  connect_and_accept (listener, ipv4);
  /* Where ::1 cannot be bound, the listener makes do with 127.0.0.1. */
  if (ipv6_loopback_works ())
    {
      g_autofree char *ipv6 = g_strdup_printf ("tcp://[::1]:%u", port);

      connect_and_accept (listener, ipv6);
    }

  /* A name that does not resolve fails with the resolver's error. */
  g_clear_object (&listener);
  listener = ro_listener_new ("tcp://unknown.invalid:0", &error);
  g_assert_null (listener);
  g_assert_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "tcp://unknown.invalid:0"));

  g_resolver_set_default (original);
}

static void
test_tcp_in_use (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) first = ro_listener_new ("tcp://127.0.0.1:0", &error);
  g_autoptr(RoListener) second = NULL;

  g_assert_no_error (error);
  second = ro_listener_new (ro_listener_get_url (first), &error);
  g_assert_null (second);
  g_assert_error (error, RO_ERROR, RO_ERROR_ADDRESS_IN_USE);
  g_assert_nonnull (strstr (error->message, ro_listener_get_url (first)));
  g_clear_error (&error);

  check_exchange (first);

  /* Once closed, the port can be taken again at once. */
  {
    g_autofree char *url = g_strdup (ro_listener_get_url (first));

    g_clear_object (&first);
    second = ro_listener_new (url, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ro_listener_get_url (second), ==, url);
  }
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocketConnection) client = NULL;
  g_autofree char *url = NULL;
  g_autofree char *abstract_url = g_strdup_printf ("localabstract:ro-test-nobody-%08x",
                                                   g_random_int ());

  /* A port that is bound but not listened on refuses, and stays ours for
   * the duration of the test. */
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("tcp://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  client = connect_to (url, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (client);
  g_clear_error (&error);

  client = connect_to (abstract_url, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (client);
  g_clear_error (&error);

  client = connect_to ("local:nobody", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (client);
}

/* An abandoned attempt calls nobody back. */
static void
test_cancelled (void)
{
  g_autoptr(RoUrl) url = ro_url_parse ("tcp://127.0.0.1:1", NULL);
  Connect c = { NULL, NULL, FALSE };
  RoConnector *connector = ro_connector_new (url, NULL, on_connected, &c);

  ro_connector_free (connector);
  iterate_pending (NULL);
  g_assert_false (c.done);
}

static void
test_invalid_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = ro_listener_new ("tcp://127.0.0.1", &error);

  g_assert_null (listener);
  g_assert_error (error, RO_ERROR, RO_ERROR_INVALID_URL);
}

/* Messages that a test provokes on purpose are kept out of the output. */
static const char *expected_warning;
static gboolean got_expected_warning;

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if (expected_warning != NULL && (log_level & G_LOG_LEVEL_MESSAGE) != 0)
    for (gsize i = 0; i < n_fields; i++)
      if (strcmp (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
          strstr (fields[i].value, expected_warning) != NULL)
        {
          got_expected_warning = TRUE;
          return G_LOG_WRITER_HANDLED;
        }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* When accept() fails for a reason that does not go away by itself (here
 * EMFILE), the listener pauses instead of spinning on the readable socket,
 * and accepts the connection once it can. */
static void
test_accept_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = ro_listener_new ("tcp://127.0.0.1:0", &error);
  g_autoptr(GSocket) client = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  struct rlimit saved, low;
  Incoming incoming;
  int lowest_free;

  if (g_getenv ("RO_TEST_UNDER_VALGRIND") != NULL)
    {
      /* Valgrind keeps file descriptors of its own under the limit. */
      g_test_skip ("File descriptor limits differ under valgrind");
      return;
    }

  g_assert_no_error (error);
  incoming_init (&incoming, listener);

  /* The kernel completes the handshake before anyone accepts. */
  client = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new_from_string ("127.0.0.1",
                                                   url_port (ro_listener_get_url (listener)));
  g_assert_true (g_socket_connect (client, address, NULL, &error));
  g_assert_no_error (error);

  /* accept() takes the lowest free descriptor; a limit at that number makes
   * it fail with EMFILE. */
  lowest_free = dup (2);
  g_assert_cmpint (lowest_free, >=, 0);
  close (lowest_free);
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  low = saved;
  low.rlim_cur = (rlim_t) lowest_free;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &low), ==, 0);

  expected_warning = "Cannot accept a connection";
  got_expected_warning = FALSE;
  iterate_until (NULL, &got_expected_warning);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &saved), ==, 0);

  /* Paused: nothing is ready, so no busy loop. */
  got_expected_warning = FALSE;
  iterate_pending (NULL);
  g_assert_false (got_expected_warning);
  g_assert_false (incoming.got_one);
  expected_warning = NULL;

  iterate_until (NULL, &incoming.got_one);
  g_assert_cmpuint (incoming.connections->len, ==, 1);

  /* Closing during the pause leaves nothing behind either. */
  incoming.got_one = FALSE;
  {
    g_autoptr(GMainContext) context = g_main_context_new ();
    g_autoptr(RoListener) other = NULL;

    g_main_context_push_thread_default (context);
    other = ro_listener_new ("tcp://127.0.0.1:0", &error);
    g_main_context_pop_thread_default (context);
    g_assert_no_error (error);

    g_clear_object (&client);
    g_clear_object (&address);
    client = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                           G_SOCKET_PROTOCOL_DEFAULT, &error);
    g_assert_no_error (error);
    address = g_inet_socket_address_new_from_string ("127.0.0.1",
                                                     url_port (ro_listener_get_url (other)));
    g_assert_true (g_socket_connect (client, address, NULL, &error));
    g_assert_no_error (error);

    g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &low), ==, 0);
    expected_warning = "Cannot accept a connection";
    got_expected_warning = FALSE;
    iterate_until (context, &got_expected_warning);
    g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &saved), ==, 0);
    expected_warning = NULL;

    assert_finalized (&other);
    g_assert_false (g_main_context_pending (context));
  }

  g_signal_handlers_disconnect_by_data (listener, &incoming);
  incoming_clear (&incoming);
}

/* Accepting happens on the context that was thread-default at creation,
 * never on the one that happens to be running. */
static void
test_context (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = NULL;
  g_autoptr(GSocketConnection) client = NULL;
  Incoming incoming;

  g_main_context_push_thread_default (context);
  listener = ro_listener_new ("tcp://127.0.0.1:0", &error);
  g_main_context_pop_thread_default (context);
  g_assert_no_error (error);
  incoming_init (&incoming, listener);

  client = connect_to (ro_listener_get_url (listener), &error);
  g_assert_no_error (error);
  iterate_pending (NULL);
  g_assert_false (incoming.got_one);

  iterate_until (context, &incoming.got_one);
  g_assert_cmpuint (incoming.connections->len, ==, 1);

  /* Closing leaves nothing behind on that context. */
  assert_finalized (&listener);
  g_assert_false (g_main_context_pending (context));
  incoming_clear (&incoming);
}

static void
test_many_clients (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoListener) listener = ro_listener_new ("local:many", &error);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  Incoming incoming;
  gboolean all = FALSE;

  g_assert_no_error (error);
  incoming_init (&incoming, listener);

  for (int i = 0; i < 20; i++)
    {
      GSocketConnection *client = connect_to ("local:many", &error);

      g_assert_no_error (error);
      g_ptr_array_add (clients, client);
    }

  while (!all)
    {
      iterate_until (NULL, &incoming.got_one);
      incoming.got_one = FALSE;
      all = incoming.connections->len == clients->len;
    }

  g_signal_handlers_disconnect_by_data (listener, &incoming);
  incoming_clear (&incoming);
}

typedef struct
{
  RoListener *listener;
  gboolean done;
} Owner;

static void
on_incoming_unref (RoListener        *listener,
                   GSocketConnection *connection,
                   gpointer           user_data)
{
  Owner *owner = user_data;

  g_assert_true (owner->listener == listener);
  g_clear_object (&owner->listener);
  owner->done = TRUE;
}

/* A handler may drop the last reference to the listener. */
static void
test_unref_in_handler (void)
{
  g_autoptr(GError) error = NULL;
  Owner owner = { ro_listener_new ("local:unref", &error), FALSE };
  g_autoptr(GSocketConnection) client = NULL;
  g_autofree char *path = g_build_filename (g_get_user_runtime_dir (), "ro-glib", "unref", NULL);
  GWeakRef weak;

  g_assert_no_error (error);
  g_weak_ref_init (&weak, owner.listener);
  g_signal_connect (owner.listener, "incoming", G_CALLBACK (on_incoming_unref), &owner);

  client = connect_to ("local:unref", &error);
  g_assert_no_error (error);
  iterate_until (NULL, &owner.done);

  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  g_assert_false (file_exists (path));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

  g_test_add_func ("/Ro/Listener/local", test_local);
  g_test_add_func ("/Ro/Listener/local-umask", test_local_umask);
  g_test_add_func ("/Ro/Listener/local-directory-refused", test_local_directory_refused);
  g_test_add_func ("/Ro/Listener/localabstract", test_local_abstract);
  g_test_add_func ("/Ro/Listener/unix", test_unix);
  g_test_add_func ("/Ro/Listener/close", test_close);
  g_test_add_func ("/Ro/Listener/close-pending", test_close_pending);
  g_test_add_func ("/Ro/Listener/stale-replaced", test_stale_replaced);
  g_test_add_func ("/Ro/Listener/live-refused", test_live_refused);
  g_test_add_func ("/Ro/Listener/not-a-socket", test_not_a_socket);
  g_test_add_func ("/Ro/Listener/replaced-file-kept", test_replaced_file_kept);
  g_test_add_func ("/Ro/Listener/tcp-ipv4", test_tcp_ipv4);
  g_test_add_func ("/Ro/Listener/tcp-ipv6", test_tcp_ipv6);
  g_test_add_func ("/Ro/Listener/tcp-localhost", test_tcp_localhost);
  g_test_add_func ("/Ro/Listener/tcp-every-address", test_tcp_every_address);
  g_test_add_func ("/Ro/Listener/tcp-in-use", test_tcp_in_use);
  g_test_add_func ("/Ro/Listener/refused", test_refused);
  g_test_add_func ("/Ro/Listener/cancelled", test_cancelled);
  g_test_add_func ("/Ro/Listener/invalid-url", test_invalid_url);
  g_test_add_func ("/Ro/Listener/accept-error", test_accept_error);
  g_test_add_func ("/Ro/Listener/context", test_context);
  g_test_add_func ("/Ro/Listener/many-clients", test_many_clients);
  g_test_add_func ("/Ro/Listener/unref-in-handler", test_unref_in_handler);

  return g_test_run ();
}
