/* ro-url.c: parsing and printing the URL schemes of ro-glib
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/un.h>

#include <gio/gunixsocketaddress.h>

#include "ro-url.h"

/*
 * The grammar is deliberately strict: a URL names a place where a host
 * listens, and a typo that still parses would make a host listen somewhere
 * its replicas never look. Everything that is accepted has one canonical
 * form (lower-case scheme and host names, IPv6 as g_inet_address_to_string()
 * prints it, the port without leading zeros), so two URLs that name the same
 * place compare equal as strings after ro_url_to_string().
 */

/* sun_path holds the path and its terminating NUL; an abstract name follows
 * a leading NUL byte, so both have room for this many bytes. */
#define MAX_SOCKET_PATH (sizeof (((struct sockaddr_un *) NULL)->sun_path) - 1)

/* The directory that local: sockets live in, inside the runtime directory. */
#define LOCAL_SUBDIR "ro-glib"

/* Host names longer than this cannot be resolved (RFC 1035). */
#define MAX_HOST_NAME 253
#define MAX_LABEL     63

#define SCHEMES_HINT "local:NAME, localabstract:NAME, unix:/PATH, tcp://HOST:PORT or tls://HOST:PORT"

/* The URL as it may be shown in a message: invalid UTF-8 and control
 * characters would make the message itself unreadable, so they are escaped. */
static char *
quote_url (const char *url)
{
  if (g_utf8_validate (url, -1, NULL))
    {
      gboolean has_control = FALSE;

      for (const char *p = url; *p != '\0'; p++)
        if (g_ascii_iscntrl (*p))
          has_control = TRUE;
      if (!has_control)
        return g_strdup (url);
    }

  return g_strescape (url, NULL);
}

static gpointer
set_invalid (GError     **error,
             const char  *url,
             const char  *format,
             ...) G_GNUC_PRINTF (3, 4);

static gpointer
set_invalid (GError     **error,
             const char  *url,
             const char  *format,
             ...)
{
  g_autofree char *quoted = quote_url (url);
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  /* The reason may quote a part of the URL; it is valid UTF-8 by then, and
   * only control characters need hiding. */
  for (char *p = reason; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      *p = '?';

  g_set_error (error, RO_ERROR, RO_ERROR_INVALID_URL,
               "Invalid URL “%s”: %s", quoted, reason);
  return NULL;
}

/* Whether every character of @text is printable; control characters in a
 * socket name are almost certainly a mistake and make names unreadable in
 * logs and `ss` output. */
static gboolean
is_printable (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isprint (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static char *
local_socket_path (const char *name)
{
  return g_build_filename (g_get_user_runtime_dir (), LOCAL_SUBDIR, name, NULL);
}

static RoUrl *
parse_name (const char   *url,
            RoUrlScheme   scheme,
            const char   *name,
            GError      **error)
{
  RoUrl *result;
  gsize length;

  if (*name == '\0')
    return set_invalid (error, url, "empty name");
  if (strchr (name, '/') != NULL)
    return set_invalid (error, url, "the name must not contain “/”");
  if (!is_printable (name))
    return set_invalid (error, url, "the name contains a character that is not printable");
  /* local:.. would be the runtime directory itself. */
  if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    return set_invalid (error, url, "“%s” is not a valid name", name);

  if (scheme == RO_URL_SCHEME_LOCAL)
    {
      g_autofree char *path = local_socket_path (name);

      length = strlen (path);
      if (length > MAX_SOCKET_PATH)
        return set_invalid (error, url,
                            "the socket path “%s” is too long (%" G_GSIZE_FORMAT " bytes, "
                            "at most %" G_GSIZE_FORMAT ")",
                            path, length, (gsize) MAX_SOCKET_PATH);
    }
  else
    {
      length = strlen (name);
      if (length > MAX_SOCKET_PATH)
        return set_invalid (error, url,
                            "the name is too long (%" G_GSIZE_FORMAT " bytes, at most %" G_GSIZE_FORMAT ")",
                            length, (gsize) MAX_SOCKET_PATH);
    }

  result = g_new0 (RoUrl, 1);
  result->scheme = scheme;
  result->name = g_strdup (name);
  return result;
}

static RoUrl *
parse_unix (const char  *url,
            const char  *path,
            GError     **error)
{
  RoUrl *result;
  gsize length = strlen (path);

  if (*path == '\0')
    return set_invalid (error, url, "empty path");
  if (path[0] != '/')
    return set_invalid (error, url, "the path is relative; unix: needs an absolute path");
  /* unix://host/path is how other software spells URLs with an authority;
   * reading it as the path //host/path would silently mean something else. */
  if (path[1] == '/')
    return set_invalid (error, url, "unix: takes an absolute path (unix:/PATH), not “//”");
  if (path[length - 1] == '/')
    return set_invalid (error, url, "the path names a directory");
  if (!is_printable (path))
    return set_invalid (error, url, "the path contains a character that is not printable");
  if (length > MAX_SOCKET_PATH)
    return set_invalid (error, url,
                        "the path is too long (%" G_GSIZE_FORMAT " bytes, at most %" G_GSIZE_FORMAT ")",
                        length, (gsize) MAX_SOCKET_PATH);

  result = g_new0 (RoUrl, 1);
  result->scheme = RO_URL_SCHEME_UNIX;
  result->name = g_strdup (path);
  return result;
}

/* Checks @host (ASCII) against the DNS rules: dot-separated labels of
 * letters, digits, '-' and '_', none empty or longer than 63 bytes, none
 * starting or ending with '-'. A trailing dot (an absolute name) is kept. */
static gboolean
is_host_name (const char *host)
{
  gsize length = strlen (host);
  gsize label = 0;
  gboolean last_label_numeric = TRUE;

  if (length > 0 && host[length - 1] == '.')
    length--;
  if (length == 0 || length > MAX_HOST_NAME)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = host[i];

      if (c == '.')
        {
          if (label == 0 || host[i - 1] == '-')
            return FALSE;
          label = 0;
          last_label_numeric = TRUE;
          continue;
        }

      if (!g_ascii_isalnum (c) && c != '-' && c != '_')
        return FALSE;
      if (c == '-' && label == 0)
        return FALSE;
      if (!g_ascii_isdigit (c))
        last_label_numeric = FALSE;
      if (++label > MAX_LABEL)
        return FALSE;
    }

  if (host[length - 1] == '-')
    return FALSE;

  /* No top-level domain is all digits, and the resolver would read such a
   * name as some form of IPv4 address. */
  return !last_label_numeric;
}

/* Returns the canonical form of @host, a name or an IPv4 address (IPv6 ones
 * come in brackets and are handled by the caller). */
static char *
parse_host_name (const char  *url,
                 const char  *host,
                 GError     **error)
{
  g_autofree char *ascii = NULL;
  struct in_addr ignored;

  if (*host == '\0')
    return set_invalid (error, url, "missing host");
  if (strpbrk (host, "/?#@[]") != NULL)
    return set_invalid (error, url, "“%s” is not a valid host name", host);

  if (g_hostname_is_ip_address (host))
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

      if (address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
        return g_inet_address_to_string (address);
    }

  /* inet_aton() also takes 127.1, 0x7f.0.0.1 and 017.0.0.1 (octal), which
   * the resolver would quietly turn into an address other than the one
   * meant; only the dotted-decimal form is allowed. */
  if (inet_aton (host, &ignored) != 0)
    return set_invalid (error, url, "“%s” is not a dotted-decimal IPv4 address", host);

  if (g_str_is_ascii (host))
    ascii = g_ascii_strdown (host, -1);
  else
    ascii = g_hostname_to_ascii (host);

  if (ascii == NULL || !is_host_name (ascii))
    return set_invalid (error, url, "“%s” is not a valid host name", host);

  return g_steal_pointer (&ascii);
}

/* Whether @text, up to @length bytes, is an IPv6 address. */
static gboolean
is_ipv6_address (const char *text,
                 gssize      length)
{
  g_autofree char *copy = length < 0 ? g_strdup (text) : g_strndup (text, length);
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (copy);

  return address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6;
}

/* tcp:// and tls:// share their syntax. */
static RoUrl *
parse_tcp (const char  *url,
           RoUrlScheme  scheme,
           const char  *rest,
           GError     **error)
{
  g_autoptr(RoUrl) result = g_new0 (RoUrl, 1);
  g_autofree char *host = NULL;
  const char *port_text;
  guint64 port = 0;

  result->scheme = scheme;

  if (!g_str_has_prefix (rest, "//"))
    return set_invalid (error, url, "expected %s://HOST:PORT", scheme == RO_URL_SCHEME_TLS ? "tls" : "tcp");
  rest += 2;

  if (rest[0] == '[')
    {
      const char *end = strchr (rest, ']');
      g_autoptr(GInetAddress) address = NULL;

      if (end == NULL)
        return set_invalid (error, url, "missing “]” after the IPv6 address");
      host = g_strndup (rest + 1, end - rest - 1);
      if (strchr (host, '%') != NULL)
        return set_invalid (error, url, "IPv6 zone identifiers are not supported");
      address = g_inet_address_new_from_string (host);
      if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6)
        return set_invalid (error, url, "“%s” is not an IPv6 address", host);
      result->host = g_inet_address_to_string (address);
      port_text = end + 1;
    }
  else
    {
      const char *colon = strchr (rest, ':');

      /* tcp://::1:80 is an address that forgot its brackets. */
      if (colon != NULL && colon != strrchr (rest, ':') &&
          (is_ipv6_address (rest, -1) ||
           is_ipv6_address (rest, strrchr (rest, ':') - rest)))
        return set_invalid (error, url, "an IPv6 address must be in brackets, as in tcp://[::1]:PORT");

      if (colon == NULL)
        {
          if (*rest == '\0')
            return set_invalid (error, url, "missing host and port");
          return set_invalid (error, url, "missing port");
        }
      host = g_strndup (rest, colon - rest);
      result->host = parse_host_name (url, host, error);
      if (result->host == NULL)
        return NULL;
      port_text = colon;
    }

  if (*port_text == '\0')
    return set_invalid (error, url, "missing port");
  if (*port_text != ':')
    return set_invalid (error, url, "unexpected “%s” after the host", port_text);
  port_text++;
  if (*port_text == '\0')
    return set_invalid (error, url, "missing port");
  if (!g_ascii_isdigit (*port_text))
    return set_invalid (error, url, "the port “%s” is not a decimal number", port_text);

  for (; g_ascii_isdigit (*port_text); port_text++)
    {
      port = port * 10 + (guint64) (*port_text - '0');
      /* Clamped so that any number of digits cannot overflow. */
      port = MIN (port, (guint64) G_MAXUINT32);
    }

  if (*port_text != '\0')
    return set_invalid (error, url, "trailing garbage “%s” after the port", port_text);
  if (port > G_MAXUINT16)
    return set_invalid (error, url, "the port is out of the range 0..65535");

  result->port = (guint16) port;
  return g_steal_pointer (&result);
}

/**
 * ro_url_parse:
 * @url: a URL such as `local:printer` or `tcp://127.0.0.1:5000`
 * @error: return location for a #GError
 *
 * Parses @url. The scheme is case-insensitive; everything else is checked
 * strictly, see the header for the grammar.
 *
 * Returns: (transfer full) (nullable): the parsed URL, or %NULL with
 *   %RO_ERROR_INVALID_URL
 */
RoUrl *
ro_url_parse (const char  *url,
              GError     **error)
{
  g_autofree char *scheme = NULL;
  const char *colon;
  const char *rest;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (url, -1, NULL))
    return set_invalid (error, url, "not valid UTF-8");

  colon = strchr (url, ':');
  if (colon == NULL || colon == url)
    return set_invalid (error, url, "no scheme; expected " SCHEMES_HINT);

  scheme = g_ascii_strdown (url, colon - url);
  rest = colon + 1;

  if (strcmp (scheme, "local") == 0)
    return parse_name (url, RO_URL_SCHEME_LOCAL, rest, error);
  if (strcmp (scheme, "localabstract") == 0)
    return parse_name (url, RO_URL_SCHEME_LOCAL_ABSTRACT, rest, error);
  if (strcmp (scheme, "unix") == 0)
    return parse_unix (url, rest, error);
  if (strcmp (scheme, "tcp") == 0)
    return parse_tcp (url, RO_URL_SCHEME_TCP, rest, error);
  if (strcmp (scheme, "tls") == 0)
    return parse_tcp (url, RO_URL_SCHEME_TLS, rest, error);

  {
    g_autofree char *quoted = quote_url (scheme);

    return set_invalid (error, url, "unknown scheme “%s”; expected " SCHEMES_HINT, quoted);
  }
}

/**
 * ro_url_free:
 * @url: (nullable): a #RoUrl
 *
 * Frees @url.
 */
void
ro_url_free (RoUrl *url)
{
  if (url == NULL)
    return;

  g_free (url->name);
  g_free (url->host);
  g_free (url);
}

/**
 * ro_url_to_string:
 * @url: a #RoUrl
 *
 * Prints @url in its canonical form, which ro_url_parse() reads back into
 * an equal #RoUrl.
 *
 * Returns: (transfer full): the URL as text
 */
char *
ro_url_to_string (const RoUrl *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  switch (url->scheme)
    {
    case RO_URL_SCHEME_LOCAL:
      return g_strconcat ("local:", url->name, NULL);
    case RO_URL_SCHEME_LOCAL_ABSTRACT:
      return g_strconcat ("localabstract:", url->name, NULL);
    case RO_URL_SCHEME_UNIX:
      return g_strconcat ("unix:", url->name, NULL);
    case RO_URL_SCHEME_TCP:
    case RO_URL_SCHEME_TLS:
      if (strchr (url->host, ':') != NULL)
        return g_strdup_printf ("%s://[%s]:%u", url->scheme == RO_URL_SCHEME_TLS ? "tls" : "tcp",
                                url->host, url->port);
      return g_strdup_printf ("%s://%s:%u", url->scheme == RO_URL_SCHEME_TLS ? "tls" : "tcp",
                              url->host, url->port);
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ro_url_get_socket_path:
 * @url: a #RoUrl
 *
 * Finds where the socket file of a `local:` URL lives: `NAME` inside
 * `ro-glib/` in the user's runtime directory.
 *
 * Returns: (transfer full) (nullable): the path, or %NULL for other schemes
 */
char *
ro_url_get_socket_path (const RoUrl *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  if (url->scheme != RO_URL_SCHEME_LOCAL)
    return NULL;
  return local_socket_path (url->name);
}

/**
 * ro_url_get_connectable:
 * @url: a #RoUrl
 *
 * Makes what a #GSocketClient connects to for @url.
 *
 * Returns: (transfer full): a #GNetworkAddress for `tcp:`, a
 *   #GUnixSocketAddress otherwise
 */
GSocketConnectable *
ro_url_get_connectable (const RoUrl *url)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  switch (url->scheme)
    {
    case RO_URL_SCHEME_LOCAL:
      path = local_socket_path (url->name);
      return G_SOCKET_CONNECTABLE (g_unix_socket_address_new (path));
    case RO_URL_SCHEME_LOCAL_ABSTRACT:
      return G_SOCKET_CONNECTABLE (g_unix_socket_address_new_with_type (url->name, -1,
                                                                        G_UNIX_SOCKET_ADDRESS_ABSTRACT));
    case RO_URL_SCHEME_UNIX:
      return G_SOCKET_CONNECTABLE (g_unix_socket_address_new (url->name));
    case RO_URL_SCHEME_TCP:
    case RO_URL_SCHEME_TLS:
      return g_network_address_new (url->host, url->port);
    default:
      g_return_val_if_reached (NULL);
    }
}
