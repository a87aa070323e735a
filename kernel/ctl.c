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
		       "unknown node type \"%s\" (no module ng_%s)", type, type);
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

int ng_ctl_name(struct net *net, const char *path, const char *name,
		struct netlink_ext_ack *extack)
{
	struct ng_net *ngn = ng_net_get(net);
	struct ng_node *node;
	int err;

	ng_net_lock(ngn);
	err = ng_ctl_resolve(ngn, path, &node, NULL, extack);
	if (!err)
		err = ng_node_set_name(node, name, extack);
	ng_net_unlock(ngn);
	return err;
}
EXPORT_SYMBOL_GPL(ng_ctl_name);

int ng_ctl_rmhook(struct net *net, const char *path, const char *hook,
		  struct netlink_ext_ack *extack)
{
	struct ng_net *ngn = ng_net_get(net);
	struct ng_node *node;
	int err;

	ng_net_lock(ngn);
	err = ng_ctl_resolve(ngn, path, &node, NULL, extack);
	if (!err)
		err = ng_rmhook(node, hook);
	ng_net_unlock(ngn);
	return err;
}
EXPORT_SYMBOL_GPL(ng_ctl_rmhook);

int ng_ctl_shutdown(struct net *net, const char *path,
		    struct netlink_ext_ack *extack)
{
	struct ng_net *ngn = ng_net_get(net);
	struct ng_node *node;
	int err;

	ng_net_lock(ngn);
	err = ng_ctl_resolve(ngn, path, &node, NULL, extack);
	if (!err)
		ng_node_kill(node);
	ng_net_unlock(ngn);
	return err;
}
EXPORT_SYMBOL_GPL(ng_ctl_shutdown);

int ng_ctl_nodeinfo(struct net *net, const char *path, struct nodeinfo *ni,
		    struct netlink_ext_ack *extack)
{
	struct ng_net *ngn = ng_net_get(net);
	struct ng_node *node;
	int err;

	ng_net_lock(ngn);
	err = ng_ctl_resolve(ngn, path, &node, NULL, extack);
	if (!err)
		ng_node_info(node, ni);
	ng_net_unlock(ngn);
	return err;
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
