/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the "hub" node type.
 *
 * Binary compatible with FreeBSD's <netgraph/ng_hub.h>.
 */
#ifndef _UAPI_LINUX_NG_HUB_H
#define _UAPI_LINUX_NG_HUB_H

#include <linux/types.h>

#define NG_HUB_NODE_TYPE	"hub"
#define NGM_HUB_COOKIE		1082189597

/* Commands */
enum {
	NGM_HUB_SET_PERSISTENT	= 1,	/* stay alive without hooks; no argument */
};

#endif /* _UAPI_LINUX_NG_HUB_H */
