/* ro-url.h: the URL schemes of ro-glib
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ro-glib.h"

G_BEGIN_DECLS

/*   local:NAME          a Unix socket NAME in $XDG_RUNTIME_DIR/ro-glib/ (dir 0700)
 *   localabstract:NAME  a Linux abstract socket
 *   unix:/abs/path      a Unix socket at an absolute path
 *   tcp://HOST:PORT     TCP; HOST a name, an IPv4 address or [IPv6]; PORT 0..65535
 *   tls://HOST:PORT     TLS over TCP, same HOST and PORT rules
 */
typedef enum {
  RO_URL_SCHEME_LOCAL,
  RO_URL_SCHEME_LOCAL_ABSTRACT,
  RO_URL_SCHEME_UNIX,
  RO_URL_SCHEME_TCP,
  RO_URL_SCHEME_TLS,
} RoUrlScheme;

typedef struct
{
  RoUrlScheme scheme;
  char *name;   /* local, localabstract: the name; unix: the path */
  char *host;   /* tcp, tls */
  guint16 port; /* tcp, tls */
} RoUrl;

/* RO_ERROR_INVALID_URL with a message that quotes the URL and says why. */
RoUrl          *ro_url_parse        (const char  *url,
                                     GError     **error);
void            ro_url_free         (RoUrl       *url);
/* The canonical text form; parse(to_string(u)) equals u. */
char           *ro_url_to_string    (const RoUrl *url);
/* For local: the full socket path; NULL for other schemes. */
char           *ro_url_get_socket_path (const RoUrl *url);
/* What a client connects to (a GNetworkAddress for tcp, a
 * GUnixSocketAddress otherwise). */
GSocketConnectable *ro_url_get_connectable (const RoUrl *url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoUrl, ro_url_free)

G_END_DECLS
