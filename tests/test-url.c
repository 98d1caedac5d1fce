/* test-url.c: parsing, printing and resolving the URL schemes
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <gio/gunixsocketaddress.h>

#include <ro-glib/ro-glib.h>

#include "ro-url.h"

typedef struct
{
  const char *url;
  RoUrlScheme scheme;
  const char *name;
  const char *host;
  guint16 port;
  const char *canonical;
} ValidCase;

static const ValidCase valid_cases[] = {
  { "local:printer", RO_URL_SCHEME_LOCAL, "printer", NULL, 0, "local:printer" },
  { "local:a", RO_URL_SCHEME_LOCAL, "a", NULL, 0, "local:a" },
  { "local:with space", RO_URL_SCHEME_LOCAL, "with space", NULL, 0, "local:with space" },
  { "local:été", RO_URL_SCHEME_LOCAL, "été", NULL, 0, "local:été" },
  { "local:a.b-c_d:e", RO_URL_SCHEME_LOCAL, "a.b-c_d:e", NULL, 0, "local:a.b-c_d:e" },
  { "local:...", RO_URL_SCHEME_LOCAL, "...", NULL, 0, "local:..." },
  { "LOCAL:Name", RO_URL_SCHEME_LOCAL, "Name", NULL, 0, "local:Name" },
  { "localabstract:my-name", RO_URL_SCHEME_LOCAL_ABSTRACT, "my-name", NULL, 0, "localabstract:my-name" },
  { "LocalAbstract:X", RO_URL_SCHEME_LOCAL_ABSTRACT, "X", NULL, 0, "localabstract:X" },
  { "unix:/tmp/ro.sock", RO_URL_SCHEME_UNIX, "/tmp/ro.sock", NULL, 0, "unix:/tmp/ro.sock" },
  { "unix:/a", RO_URL_SCHEME_UNIX, "/a", NULL, 0, "unix:/a" },
  { "unix:/run/user/1000/x y", RO_URL_SCHEME_UNIX, "/run/user/1000/x y", NULL, 0, "unix:/run/user/1000/x y" },
  { "tcp://127.0.0.1:5000", RO_URL_SCHEME_TCP, NULL, "127.0.0.1", 5000, "tcp://127.0.0.1:5000" },
  { "tcp://0.0.0.0:0", RO_URL_SCHEME_TCP, NULL, "0.0.0.0", 0, "tcp://0.0.0.0:0" },
  { "tcp://255.255.255.255:65535", RO_URL_SCHEME_TCP, NULL, "255.255.255.255", 65535, "tcp://255.255.255.255:65535" },
  { "tcp://[::1]:80", RO_URL_SCHEME_TCP, NULL, "::1", 80, "tcp://[::1]:80" },
  { "tcp://[0:0:0:0:0:0:0:1]:80", RO_URL_SCHEME_TCP, NULL, "::1", 80, "tcp://[::1]:80" },
  { "tcp://[::]:0", RO_URL_SCHEME_TCP, NULL, "::", 0, "tcp://[::]:0" },
  { "tcp://[FE80::A]:1", RO_URL_SCHEME_TCP, NULL, "fe80::a", 1, "tcp://[fe80::a]:1" },
  { "tcp://[::ffff:127.0.0.1]:9", RO_URL_SCHEME_TCP, NULL, "::ffff:127.0.0.1", 9, "tcp://[::ffff:127.0.0.1]:9" },
  { "tcp://localhost:0", RO_URL_SCHEME_TCP, NULL, "localhost", 0, "tcp://localhost:0" },
  { "tcp://Example.COM:443", RO_URL_SCHEME_TCP, NULL, "example.com", 443, "tcp://example.com:443" },
  { "tcp://host-1.example_x.org.:1", RO_URL_SCHEME_TCP, NULL, "host-1.example_x.org.", 1, "tcp://host-1.example_x.org.:1" },
  { "tcp://1host:2", RO_URL_SCHEME_TCP, NULL, "1host", 2, "tcp://1host:2" },
  { "tcp://h:0080", RO_URL_SCHEME_TCP, NULL, "h", 80, "tcp://h:80" },
  { "tcp://h:000000000000000000000001", RO_URL_SCHEME_TCP, NULL, "h", 1, "tcp://h:1" },
  { "TCP://h:1", RO_URL_SCHEME_TCP, NULL, "h", 1, "tcp://h:1" },
  { "tcp://bücher.example:1", RO_URL_SCHEME_TCP, NULL, "xn--bcher-kva.example", 1, "tcp://xn--bcher-kva.example:1" },
};

static void
assert_url_equal (const RoUrl *a,
                  const RoUrl *b)
{
  g_assert_cmpint (a->scheme, ==, b->scheme);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->host, ==, b->host);
  g_assert_cmpuint (a->port, ==, b->port);
}

static void
test_valid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      const ValidCase *c = &valid_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(RoUrl) url = ro_url_parse (c->url, &error);
      g_autofree char *text = NULL;

      g_test_message ("%s", c->url);
      g_assert_no_error (error);
      g_assert_nonnull (url);
      g_assert_cmpint (url->scheme, ==, c->scheme);
      g_assert_cmpstr (url->name, ==, c->name);
      g_assert_cmpstr (url->host, ==, c->host);
      g_assert_cmpuint (url->port, ==, c->port);

      text = ro_url_to_string (url);
      g_assert_cmpstr (text, ==, c->canonical);
    }
}

static void
test_round_trip (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RoUrl) url = ro_url_parse (valid_cases[i].url, &error);
      g_autofree char *text = ro_url_to_string (url);
      g_autoptr(RoUrl) again = ro_url_parse (text, &error);
      g_autofree char *text_again = NULL;

      g_assert_no_error (error);
      assert_url_equal (url, again);
      text_again = ro_url_to_string (again);
      g_assert_cmpstr (text, ==, text_again);
    }
}

typedef struct
{
  const char *url;
  const char *reason; /* a part of the message that says what is wrong */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  /* schemes */
  { "", "no scheme" },
  { "printer", "no scheme" },
  { ":printer", "no scheme" },
  { "http://example.com:80", "unknown scheme “http”" },
  { "udp://127.0.0.1:5", "unknown scheme “udp”" },
  { "locale:x", "unknown scheme" },
  { "local abstract:x", "unknown scheme" },
  { "tcp ://h:1", "unknown scheme" },
  /* names */
  { "local:", "empty name" },
  { "localabstract:", "empty name" },
  { "local:a/b", "“/”" },
  { "local:/abs", "“/”" },
  { "localabstract:a/b", "“/”" },
  { "local:.", "not a valid name" },
  { "local:..", "not a valid name" },
  { "local:tab\there", "not printable" },
  { "local:new\nline", "not printable" },
  { "localabstract:bell\a", "not printable" },
  { "local:del\x7f", "not printable" },
  { "local:\xff\xfe", "not valid UTF-8" },
  { "local:\xc3", "not valid UTF-8" },
  { "localabstract:"
    "0123456789012345678901234567890123456789012345678901234567890123456789"
    "01234567890123456789012345678901234567", "too long" },
  /* unix paths */
  { "unix:", "empty path" },
  { "unix:relative/path", "relative" },
  { "unix:sock", "relative" },
  { "unix:./sock", "relative" },
  { "unix:~/sock", "relative" },
  { "unix://tmp/sock", "“//”" },
  { "unix:///tmp/sock", "“//”" },
  { "unix:/tmp/", "directory" },
  { "unix:/", "directory" },
  { "unix:/tmp/a\nb", "not printable" },
  { "unix:/"
    "0123456789012345678901234567890123456789012345678901234567890123456789"
    "0123456789012345678901234567890123456789", "too long" },
  /* tcp */
  { "tcp:", "expected tcp://HOST:PORT" },
  { "tcp:host:80", "expected tcp://HOST:PORT" },
  { "tcp:/host:80", "expected tcp://HOST:PORT" },
  { "tcp://", "missing host and port" },
  { "tcp://host", "missing port" },
  { "tcp://host:", "missing port" },
  { "tcp://127.0.0.1", "missing port" },
  { "tcp://[::1]", "missing port" },
  { "tcp://[::1]:", "missing port" },
  { "tcp://:80", "missing host" },
  { "tcp://host:port", "not a decimal number" },
  { "tcp://host:-1", "not a decimal number" },
  { "tcp://host:+80", "not a decimal number" },
  { "tcp://host: 80", "not a decimal number" },
  { "tcp://host:0x50", "trailing garbage “x50”" },
  { "tcp://host:65536", "out of the range" },
  { "tcp://host:99999", "out of the range" },
  { "tcp://host:18446744073709551617", "out of the range" },
  { "tcp://host:80/", "trailing garbage “/”" },
  { "tcp://host:80/path", "trailing garbage" },
  { "tcp://host:80?query", "trailing garbage" },
  { "tcp://host:80#fragment", "trailing garbage" },
  { "tcp://host:80 ", "trailing garbage" },
  { "tcp://host:80:90", "trailing garbage “:90”" },
  { "tcp://host:1e3", "trailing garbage" },
  { "tcp://::1:80", "brackets" },
  { "tcp://fe80::1:80", "brackets" },
  { "tcp://[::1:80", "missing “]”" },
  { "tcp://[::1]80", "unexpected “80”" },
  { "tcp://[::1]x:80", "unexpected" },
  { "tcp://[127.0.0.1]:80", "not an IPv6 address" },
  { "tcp://[localhost]:80", "not an IPv6 address" },
  { "tcp://[]:80", "not an IPv6 address" },
  { "tcp://[::g]:80", "not an IPv6 address" },
  { "tcp://[fe80::1%eth0]:80", "zone" },
  { "tcp://user@host:80", "not a valid host name" },
  { "tcp://host/x:80", "not a valid host name" },
  { "tcp://ho st:80", "not a valid host name" },
  { "tcp://-host:80", "not a valid host name" },
  { "tcp://host-:80", "not a valid host name" },
  { "tcp://a..b:80", "not a valid host name" },
  { "tcp://.host:80", "not a valid host name" },
  { "tcp://.:80", "not a valid host name" },
  { "tcp://ho$t:80", "not a valid host name" },
  { "tcp://1.2.3.4.5:80", "not a valid host name" },
  { "tcp://example.123:80", "not a valid host name" },
  { "tcp://"
    "a123456789012345678901234567890123456789012345678901234567890123"
    ".com:80", "not a valid host name" },
  { "tcp://256.1.1.1:80", "not a valid host name" },
  { "tcp://127.1:80", "dotted-decimal" },
  { "tcp://0x7f.0.0.1:80", "dotted-decimal" },
  { "tcp://017.0.0.1:80", "dotted-decimal" },
  { "tcp://2130706433:80", "dotted-decimal" },
};

static void
test_invalid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(RoUrl) url = NULL;

      {
        g_autofree char *escaped = g_strescape (c->url, NULL);

        g_test_message ("%s", escaped);
      }
      url = ro_url_parse (c->url, &error);
      g_assert_null (url);
      g_assert_error (error, RO_ERROR, RO_ERROR_INVALID_URL);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (strstr (error->message, c->reason) == NULL)
        g_error ("Message “%s” does not say “%s”", error->message, c->reason);

      /* The message quotes the URL, escaped if it is not readable text. */
      if (g_utf8_validate (c->url, -1, NULL) && strpbrk (c->url, "\t\n\a\x7f") == NULL)
        {
          g_autofree char *quoted = g_strdup_printf ("“%s”", c->url);

          g_assert_nonnull (strstr (error->message, quoted));
        }
    }
}

/* A local: path must fit sun_path with the directory included, so the limit
 * on the name depends on the runtime directory. */
static void
test_local_length (void)
{
  gsize prefix = strlen (g_get_user_runtime_dir ()) + strlen ("/ro-glib/");
  gsize longest = 107 - prefix;
  g_autofree char *fits = g_strnfill (longest, 'n');
  g_autofree char *too_long = g_strnfill (longest + 1, 'n');
  g_autofree char *fits_url = g_strconcat ("local:", fits, NULL);
  g_autofree char *too_long_url = g_strconcat ("local:", too_long, NULL);
  g_autofree char *abstract_url = g_strconcat ("localabstract:", too_long, NULL);
  g_autoptr(RoUrl) url = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (prefix, <, 100);

  url = ro_url_parse (fits_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_clear_pointer (&url, ro_url_free);

  url = ro_url_parse (too_long_url, &error);
  g_assert_error (error, RO_ERROR, RO_ERROR_INVALID_URL);
  g_assert_nonnull (strstr (error->message, "at most 107"));
  g_assert_null (url);
  g_clear_error (&error);

  /* Abstract names have no directory, so the same name fits. */
  url = ro_url_parse (abstract_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
}

static void
test_socket_path (void)
{
  g_autoptr(RoUrl) local = ro_url_parse ("local:printer", NULL);
  g_autoptr(RoUrl) abstract = ro_url_parse ("localabstract:printer", NULL);
  g_autoptr(RoUrl) unix_path = ro_url_parse ("unix:/tmp/printer", NULL);
  g_autoptr(RoUrl) tcp = ro_url_parse ("tcp://127.0.0.1:1", NULL);
  g_autofree char *expected = g_build_filename (g_get_user_runtime_dir (), "ro-glib", "printer", NULL);
  g_autofree char *path = ro_url_get_socket_path (local);

  g_assert_cmpstr (path, ==, expected);
  g_assert_null (ro_url_get_socket_path (abstract));
  g_assert_null (ro_url_get_socket_path (unix_path));
  g_assert_null (ro_url_get_socket_path (tcp));
}

static void
test_connectable (void)
{
  g_autoptr(RoUrl) local = ro_url_parse ("local:printer", NULL);
  g_autoptr(RoUrl) abstract = ro_url_parse ("localabstract:printer", NULL);
  g_autoptr(RoUrl) unix_path = ro_url_parse ("unix:/tmp/printer", NULL);
  g_autoptr(RoUrl) tcp = ro_url_parse ("tcp://[::1]:5000", NULL);
  g_autoptr(GSocketConnectable) c = NULL;
  g_autofree char *local_path = ro_url_get_socket_path (local);
  GUnixSocketAddress *address;

  c = ro_url_get_connectable (local);
  g_assert_true (G_IS_UNIX_SOCKET_ADDRESS (c));
  address = G_UNIX_SOCKET_ADDRESS (c);
  g_assert_cmpint (g_unix_socket_address_get_address_type (address), ==, G_UNIX_SOCKET_ADDRESS_PATH);
  g_assert_cmpstr (g_unix_socket_address_get_path (address), ==, local_path);
  g_clear_object (&c);

  c = ro_url_get_connectable (abstract);
  g_assert_true (G_IS_UNIX_SOCKET_ADDRESS (c));
  address = G_UNIX_SOCKET_ADDRESS (c);
  g_assert_cmpint (g_unix_socket_address_get_address_type (address), ==, G_UNIX_SOCKET_ADDRESS_ABSTRACT);
  g_assert_cmpstr (g_unix_socket_address_get_path (address), ==, "printer");
  g_assert_cmpuint (g_unix_socket_address_get_path_len (address), ==, strlen ("printer"));
  g_clear_object (&c);

  c = ro_url_get_connectable (unix_path);
  g_assert_true (G_IS_UNIX_SOCKET_ADDRESS (c));
  address = G_UNIX_SOCKET_ADDRESS (c);
  g_assert_cmpint (g_unix_socket_address_get_address_type (address), ==, G_UNIX_SOCKET_ADDRESS_PATH);
  g_assert_cmpstr (g_unix_socket_address_get_path (address), ==, "/tmp/printer");
  g_clear_object (&c);

  c = ro_url_get_connectable (tcp);
  g_assert_true (G_IS_NETWORK_ADDRESS (c));
  g_assert_cmpstr (g_network_address_get_hostname (G_NETWORK_ADDRESS (c)), ==, "::1");
  g_assert_cmpuint (g_network_address_get_port (G_NETWORK_ADDRESS (c)), ==, 5000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Ro/Url/valid", test_valid);
  g_test_add_func ("/Ro/Url/round-trip", test_round_trip);
  g_test_add_func ("/Ro/Url/invalid", test_invalid);
  g_test_add_func ("/Ro/Url/local-length", test_local_length);
  g_test_add_func ("/Ro/Url/socket-path", test_socket_path);
  g_test_add_func ("/Ro/Url/connectable", test_connectable);

  return g_test_run ();
}
