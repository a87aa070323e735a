// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: FreeBSD's node addresses.
 *
 *	ADDRESS := [NODE ":"] [PATH]
 *	NODE    := name | "[" hex-id "]" | "."
 *	PATH    := hook ("." hook)*
 *
 * "." as NODE, or an address without NODE, starts at the sender; each hook
 * of PATH is followed through its peer.  One leading and one trailing '.'
 * of PATH are ignored ("foo:." and ".:" work).
 */
#include <kunit/visibility.h>
#include <linux/string.h>

#include "core.h"

/**
 * ng_path_parse - split an address into its node and hook parts
 * @addr: the address
 * @p: result; p->node and p->hooks point into p->buf
 * @extack: error reporting
 *
 * Return: 0, or -EINVAL for an empty or overlong address, a second ':',
 * a '.' inside a node name, or an empty hook name inside the path ("a..b").
 */
int ng_path_parse(const char *addr, struct ng_path *p,
		  struct netlink_ext_ack *extack)
{
	char *colon, *path;
	size_t len;

	p->node = NULL;
	p->hooks = NULL;
	if (strscpy(p->buf, addr, sizeof(p->buf)) < 0) {
		NL_SET_ERR_MSG(extack, "address longer than 511 characters");
		return -EINVAL;
	}
	if (!p->buf[0]) {
		NL_SET_ERR_MSG(extack, "empty address");
		return -EINVAL;
	}
	colon = strchr(p->buf, ':');
	if (colon) {
		*colon = '\0';
		p->node = p->buf;
		path = colon + 1;
		if (strchr(path, ':')) {
			NL_SET_ERR_MSG(extack, "address has more than one ':'");
			return -EINVAL;
		}
		if (strcmp(p->node, ".") && strchr(p->node, '.')) {
			NL_SET_ERR_MSG(extack, "node part of the address contains '.'");
			return -EINVAL;
		}
		if (!p->node[0]) {
			NL_SET_ERR_MSG(extack, "empty node name before ':'");
			return -EINVAL;
		}
	} else {
		path = p->buf;
	}
	if (*path == '.')
		path++;
	len = strlen(path);
	if (len && path[len - 1] == '.')
		path[--len] = '\0';
	if (strstr(path, "..") || *path == '.') {
		NL_SET_ERR_MSG(extack, "empty hook name in the address path");
		return -EINVAL;
	}
	p->hooks = path;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(ng_path_parse);

/**
 * ng_path_resolve - find the node an address refers to
 * @ngn: the graph (locked)
 * @here: the sending node, or NULL for a netlink request
 * @addr: the address
 * @nodep: the node found
 * @lasthookp: if not NULL, the target's hook the path arrived through, or
 *	NULL when the address named the node directly
 * @extack: error reporting
 *
 * Return:
 * * %0 - found
 * * %-EINVAL - malformed address, or a relative one without a sender
 * * %-ENOENT - no such node, or a hook of the path does not exist
 * * %-ENXIO - the path reached a node that is shutting down
 */
int ng_path_resolve(struct ng_net *ngn, struct ng_node *here,
		    const char *addr, struct ng_node **nodep,
		    struct ng_hook **lasthookp,
		    struct netlink_ext_ack *extack)
{
	struct ng_hook *last = NULL;
	struct ng_node *node;
	struct ng_path p;
	char *seg, *rest;
	u32 id;
	int err;

	lockdep_assert_held(&ngn->lock);
	err = ng_path_parse(addr, &p, extack);
	if (err)
		return err;

	if (!p.node || !strcmp(p.node, ".")) {
		if (!here) {
			NL_SET_ERR_MSG(extack,
				       "address is relative to the sender, and a netlink request has no node: use \"name:\" or \"[id]:\"");
			return -EINVAL;
		}
		node = here;
	} else if (ng_decode_id(p.node, &id)) {
		node = ng_node_by_id(ngn, id);
	} else {
		node = ng_node_by_name(ngn, p.node);
	}
	if (!node) {
		NG_ERR(extack, "node not found", "node \"%s:\" not found",
		       p.node);
		return -ENOENT;
	}

	rest = (char *)p.hooks;
	while (rest && *rest) {
		struct ng_hook *hook, *peer;

		seg = strsep(&rest, ".");
		hook = ng_hook_find_live(node, seg);
		if (!hook) {
			NG_ERR(extack, "hook in the address path not found",
			       "node [%x] has no hook \"%s\"", node->id, seg);
			return -ENOENT;
		}
		peer = hook->pair;
		node = peer->node;
		last = peer;
		if (!ng_node_valid(node)) {
			NL_SET_ERR_MSG(extack, "address path leads to a node that is shutting down");
			return -ENXIO;
		}
	}
	*nodep = node;
	if (lasthookp)
		*lasthookp = last;
	return 0;
}
