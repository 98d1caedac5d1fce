/* test-tls.c: tls:// URLs, with certificates made for the test
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib/gstdio.h>

#include <ro-glib/ro-glib.h>

#include "test-types.h"
#include "test-util.h"

typedef struct
{
  char *dir;
  GTlsCertificate *server;    /* signed by the CA, for 127.0.0.1 */
  GTlsCertificate *stranger;  /* self-signed, for 127.0.0.1 */
  GTlsDatabase *ca;
  RoHost *host;
  TestThing *thing;
} Fixture;

static gboolean
run (const char *dir,
     const char *command)
{
  g_auto(GStrv) argv = g_strsplit (command, " ", -1);
  int status = 0;

  return g_spawn_sync (dir, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL) && g_spawn_check_wait_status (status, NULL);
}

static GTlsCertificate *
load (const char *dir,
      const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = g_strdup_printf ("%s/%s.pem", dir, name);
  g_autofree char *key = g_strdup_printf ("%s/%s.key", dir, name);
  GTlsCertificate *certificate = g_tls_certificate_new_from_files (pem, key, &error);

  g_assert_no_error (error);
  return certificate;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *ext = NULL;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("No TLS backend: install glib-networking");
      return;
    }
  if (openssl == NULL)
    {
      g_test_skip ("openssl is needed to make the test certificates");
      return;
    }

  f->dir = g_dir_make_tmp ("ro-tls-XXXXXX", &error);
  g_assert_no_error (error);
  ext = g_build_filename (f->dir, "san.ext", NULL);
  g_assert_true (g_file_set_contents (ext, "subjectAltName=IP:127.0.0.1\n", -1, NULL));
  g_assert_true (run (f->dir, "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=ro-test-ca -keyout ca.key -out ca.pem"));
  g_assert_true (run (f->dir, "openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server.key -out server.csr"));
  g_assert_true (run (f->dir, "openssl x509 -req -days 2 -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -extfile san.ext -out server.pem"));
  g_assert_true (run (f->dir, "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout stranger.key -out stranger.pem"));

  f->server = load (f->dir, "server");
  f->stranger = load (f->dir, "stranger");
  ca = g_build_filename (f->dir, "ca.pem", NULL);
  f->ca = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);

  f->host = ro_host_new ("tls://127.0.0.1:0", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (ro_host_get_url (f->host), "tls://127.0.0.1:"));
  ro_node_set_tls_certificate (RO_NODE (f->host), f->server);
  f->thing = test_thing_new ("tls");
  g_assert_true (ro_host_enable_remoting (f->host, G_OBJECT (f->thing), "Thing", NULL));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (f->dir == NULL)
    return;
  g_clear_object (&f->host);
  g_clear_object (&f->thing);
  /* Handshakes still in flight finish, cancelled, and free what they hold. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&f->server);
  g_clear_object (&f->stranger);
  g_clear_object (&f->ca);
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Waits up to @seconds and tells whether the replica became valid: long
 * when it should (a loaded machine is slow), short when it should not. */
static gboolean
valid_within (RoReplica *replica,
              int        seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end && !ro_replica_is_valid (replica))
    g_main_context_iteration (NULL, TRUE);
  return ro_replica_is_valid (replica);
}

static RoNode *
node_for (Fixture         *f,
          GTlsDatabase    *database,
          GTlsCertificate *pinned)
{
  RoNode *node = ro_node_new ();

  ro_node_set_tls_database (node, database);
  ro_node_set_tls_pinned_certificate (node, pinned);
  g_assert_true (ro_node_connect_to_node (node, ro_host_get_url (f->host), NULL));
  return node;
}

/* The replica's count, or -1 before it has one. */
static int
replica_count (RoReplica *replica)
{
  g_autoptr(GVariant) count = ro_replica_get_value (replica, "count");

  return count != NULL ? g_variant_get_int32 (count) : -1;
}

static void
test_trusted_ca (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RoNode) node = NULL;
  g_autoptr(RoReplica) replica = NULL;
  g_autoptr(GVariant) result = NULL;
  g_autoptr(GError) error = NULL;

  if (f->dir == NULL)
    return;
  node = node_for (f, f->ca, NULL);
  replica = ro_node_acquire_dynamic (node, "Thing");
  g_assert_true (valid_within (replica, 15));
  result = ro_replica_call_sync (replica, "add", g_variant_new ("(ii)", 40, 2), 5000, NULL, &error);
  g_assert_no_error (error);
  test_thing_set_count (f->thing, 3);
  WAIT_UNTIL (test_get_int (f->thing, "count") == 3 && replica_count (replica) == 3);
}

static void
test_untrusted (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RoNode) node = NULL;
  g_autoptr(RoReplica) replica = NULL;

  if (f->dir == NULL)
    return;
  /* The system's authorities do not know the test CA. */
  node = node_for (f, NULL, NULL);
  replica = ro_node_acquire_dynamic (node, "Thing");
  g_assert_false (valid_within (replica, 2));
}

static void
test_pinned (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RoNode) node = NULL;
  g_autoptr(RoNode) wrong = NULL;
  g_autoptr(RoReplica) replica = NULL;
  g_autoptr(RoReplica) refused = NULL;

  if (f->dir == NULL)
    return;
  node = node_for (f, NULL, f->server);
  replica = ro_node_acquire_dynamic (node, "Thing");
  g_assert_true (valid_within (replica, 15));

  /* Pinning another certificate refuses even a CA-signed server. */
  wrong = node_for (f, f->ca, f->stranger);
  refused = ro_node_acquire_dynamic (wrong, "Thing");
  g_assert_false (valid_within (refused, 2));
}

static gboolean
client_certificate_cb (RoHost          *host,
                       GIOStream       *stream,
                       GCredentials    *credentials,
                       GSocketAddress  *address,
                       GTlsCertificate **seen)
{
  g_assert_true (G_IS_TLS_CONNECTION (stream));
  g_assert_true (G_IS_INET_SOCKET_ADDRESS (address));
  g_set_object (seen, g_tls_connection_get_peer_certificate (G_TLS_CONNECTION (stream)));
  return TRUE;
}

/* A client certificate reaches authorize-peer, which can decide on it. */
static void
test_client_certificate (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RoNode) node = NULL;
  g_autoptr(RoReplica) replica = NULL;
  g_autoptr(GTlsCertificate) seen = NULL;

  if (f->dir == NULL)
    return;
  g_signal_connect (f->host, "authorize-peer", G_CALLBACK (client_certificate_cb), &seen);
  node = ro_node_new ();
  ro_node_set_tls_database (node, f->ca);
  ro_node_set_tls_certificate (node, f->stranger);
  g_assert_true (ro_node_connect_to_node (node, ro_host_get_url (f->host), NULL));
  replica = ro_node_acquire_dynamic (node, "Thing");
  g_assert_true (valid_within (replica, 15));
  g_assert_nonnull (seen);
  g_assert_true (g_tls_certificate_is_same (seen, f->stranger));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  test_util_init ();

  g_test_add ("/Ro/Tls/trusted-ca", Fixture, NULL, setup, test_trusted_ca, teardown);
  g_test_add ("/Ro/Tls/untrusted", Fixture, NULL, setup, test_untrusted, teardown);
  g_test_add ("/Ro/Tls/pinned", Fixture, NULL, setup, test_pinned, teardown);
  g_test_add ("/Ro/Tls/client-certificate", Fixture, NULL, setup, test_client_certificate, teardown);

  return g_test_run ();
}
