/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the "echo" node type.
 *
 * Binary compatible with FreeBSD's <netgraph/ng_echo.h>.  The type has no
 * commands of its own: every non-generic message is returned to its sender
 * as a reply, whatever its cookie.
 */
#ifndef _UAPI_LINUX_NG_ECHO_H
#define _UAPI_LINUX_NG_ECHO_H

#include <linux/types.h>

#define NG_ECHO_NODE_TYPE	"echo"
#define NGM_ECHO_COOKIE		884298942

#endif /* _UAPI_LINUX_NG_ECHO_H */
