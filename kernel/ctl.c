// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: control operations on a namespace's graph (ctl.h).
 *
 * Each operation takes the graph lock, resolves its address and runs; the
 * unlock finishes any teardown the operation caused (ng_net_unlock()).
 */
#include "core.h"
#include "ctl.h"

static int ng_ctl_resolve(struct ng_net *ngn, const char *path,
			  struct ng_node **nodep, struct ng_hook **lasthookp,
			  struct netlink_ext_ack *extack)
{
	return ng_path_resolve(ngn, NULL, path, nodep, lasthookp, extack);
}

int ng_ctl_msg(struct net *net, const char *path, struct ng_mesg *msg,
	       struct ng_mesg **resp, struct netlink_ext_ack *extack)
{
	struct ng_net *ngn = ng_net_get(net);
	struct ng_msgitem item = {
		.msg = msg,
		.extack = extack,
		.sync = true,
	};
	struct ng_node *node;
	int err;

	*resp = NULL;
	ng_net_lock(ngn);
	err = ng_ctl_resolve(ngn, path, &node, &item.lasthook, extack);
	if (!err)
		err = ng_msg_deliver(node, &item);
	ng_net_unlock(ngn);
	if (err)
		kvfree(item.resp);
	else
		*resp = item.resp;
	kvfree(msg);
	return err;
}
EXPORT_SYMBOL_GPL(ng_ctl_msg);

int ng_ctl_mkpeer(struct net *net, const char *path, const char *type,
		  const char *ourhook, const char *peerhook, u32 *newid,
		  struct netlink_ext_ack *extack)
{
	struct ng_net *ngn = ng_net_get(net);
	struct ng_node *node;
	struct ng_type *t;
	int err;

	ng_net_lock(ngn);
	if (path) {
		err = ng_ctl_resolve(ngn, path, &node, NULL, extack);
		if (!err)
			err = ng_mkpeer(node, type, ourhook, peerhook, newid,
					extack);
		goto out;
	}
	/* No address: a standalone node, the start of a new graph. */
	t = ng_type_find_get(type, true);
	if (!t) {
		NG_ERR(extack, "unknown node type",
		       "unknown node type \"%s\" (no module netgraph-type-%s)", type, type);
		err = -ENXIO;
		goto out;
	}
	err = ng_node_make(ngn, t, &node, extack);
	if (!err && newid)
		*newid = node->id;
out:
	ng_net_unlock(ngn);
	return err;
}
EXPORT_SYMBOL_GPL(ng_ctl_mkpeer);

int ng_ctl_connect(struct net *net, const char *path, const char *peerpath,
		   const char *ourhook, const char *peerhook,
		   struct netlink_ext_ack *extack)
{
	struct ng_net *ngn = ng_net_get(net);
	struct ng_node *node, *peer;
	int err;

	ng_net_lock(ngn);
	err = ng_ctl_resolve(ngn, path, &node, NULL, extack);
	if (!err)
		err = ng_path_resolve(ngn, node, peerpath, &peer, NULL, extack);
	if (!err)
		err = ng_connect(node, peer, ourhook, peerhook, extack);
	ng_net_unlock(ngn);
	return err;
}
EXPORT_SYMBOL_GPL(ng_ctl_connect);

/* Resolve @path under the graph lock and run @op on the node found. */
static int ng_ctl_on_node(struct net *net, const char *path,
			  int (*op)(struct ng_node *node, const void *arg,
				    struct netlink_ext_ack *extack),
			  const void *arg, struct netlink_ext_ack *extack)
{
	struct ng_net *ngn = ng_net_get(net);
	struct ng_node *node;
	int err;

	ng_net_lock(ngn);
	err = ng_ctl_resolve(ngn, path, &node, NULL, extack);
	if (!err)
		err = op(node, arg, extack);
	ng_net_unlock(ngn);
	return err;
}

static int ng_ctl_name_op(struct ng_node *node, const void *name,
			  struct netlink_ext_ack *extack)
{
	return ng_node_set_name(node, name, extack);
}

int ng_ctl_name(struct net *net, const char *path, const char *name,
		struct netlink_ext_ack *extack)
{
	return ng_ctl_on_node(net, path, ng_ctl_name_op, name, extack);
}
EXPORT_SYMBOL_GPL(ng_ctl_name);

static int ng_ctl_rmhook_op(struct ng_node *node, const void *hook,
			    struct netlink_ext_ack *extack)
{
	return ng_rmhook(node, hook);
}

int ng_ctl_rmhook(struct net *net, const char *path, const char *hook,
		  struct netlink_ext_ack *extack)
{
	return ng_ctl_on_node(net, path, ng_ctl_rmhook_op, hook, extack);
}
EXPORT_SYMBOL_GPL(ng_ctl_rmhook);

static int ng_ctl_shutdown_op(struct ng_node *node, const void *unused,
			      struct netlink_ext_ack *extack)
{
	ng_node_shutdown(node);
	return 0;
}

int ng_ctl_shutdown(struct net *net, const char *path,
		    struct netlink_ext_ack *extack)
{
	return ng_ctl_on_node(net, path, ng_ctl_shutdown_op, NULL, extack);
}
EXPORT_SYMBOL_GPL(ng_ctl_shutdown);

static int ng_ctl_nodeinfo_op(struct ng_node *node, const void *ni,
			      struct netlink_ext_ack *extack)
{
	ng_node_info(node, (struct nodeinfo *)ni);
	return 0;
}

int ng_ctl_nodeinfo(struct net *net, const char *path, struct nodeinfo *ni,
		    struct netlink_ext_ack *extack)
{
	return ng_ctl_on_node(net, path, ng_ctl_nodeinfo_op, ni, extack);
}
EXPORT_SYMBOL_GPL(ng_ctl_nodeinfo);

int ng_ctl_inject(struct net *net, const char *path, const char *hookname,
		  struct sk_buff *skb, struct netlink_ext_ack *extack)
{
	struct ng_net *ngn = ng_net_get(net);
	struct ng_hook *hook = NULL;
	struct ng_node *node;
	int err;

	ng_net_lock(ngn);
	err = ng_ctl_resolve(ngn, path, &node, NULL, extack);
	if (!err) {
		hook = ng_hook_find_live(node, hookname);
		if (!hook) {
			NG_ERR(extack, "node has no such connected hook",
			       "node [%x] has no connected hook \"%s\"",
			       node->id, hookname);
			err = -ENOENT;
		}
	}
	if (!err) {
		err = ng_data_inject(hook, skb);
		skb = NULL;	/* consumed */
	}
	ng_net_unlock(ngn);
	kfree_skb(skb);
	return err;
}
EXPORT_SYMBOL_GPL(ng_ctl_inject);
