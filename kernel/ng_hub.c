// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the "hub" node type.
 *
 * A packet arriving on one hook leaves through every other hook: each extra
 * destination gets an skb clone (shared data, see
 * Documentation/node-types.rst) and the last one the original.  Hooks may
 * have any name.  The node shuts itself down when its last hook is removed,
 * unless NGM_HUB_SET_PERSISTENT made it persistent.
 */
#include <linux/module.h>
#include <linux/skbuff.h>

#include "netgraph.h"
#include "ng_parse.h"
#include "../uapi/ng_hub.h"

struct ng_hub_priv {
	bool persistent;	/* control context only */
};

static int ng_hub_constructor(struct ng_node *node)
{
	return 0;
}

/**
 * ng_hub_rcvmsg - handle NGM_HUB_SET_PERSISTENT
 * @node: this node
 * @item: the message; any argument is ignored, as in FreeBSD
 *
 * Return:
 * * %0 - the node is now persistent
 * * %-EINVAL - any other cookie or command
 */
static int ng_hub_rcvmsg(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_hub_priv *priv = ng_node_priv(node);
	const struct ng_mesg *msg = item->msg;

	if (msg->header.typecookie != NGM_HUB_COOKIE) {
		NL_SET_ERR_MSG(item->extack, "hub: unknown typecookie");
		return -EINVAL;
	}
	if (msg->header.cmd != NGM_HUB_SET_PERSISTENT) {
		NL_SET_ERR_MSG(item->extack, "hub: unknown cmd");
		return -EINVAL;
	}
	priv->persistent = true;
	return 0;
}

/**
 * ng_hub_rcvdata - send a packet out of every other hook
 * @hook: the arrival hook
 * @skb: the packet
 *
 * Copies whose send fails are not reported.  As in FreeBSD, running out of
 * memory for a copy drops the original and stops the distribution.
 *
 * Return:
 * * %0 - sent, or dropped because there is no other hook
 * * %-ENOBUFS - no memory for a copy
 * * other - the result of sending the original to the last hook
 */
static int ng_hub_rcvdata(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_node *node = ng_hook_node(hook);
	struct ng_hook *h, *prev = NULL;
	struct sk_buff *copy;

	ng_node_for_each_hook_rcu(node, h) {
		if (h == hook)
			continue;
		if (prev) {
			if (!ng_may_copy(node))
				break;
			copy = skb_clone(skb, GFP_ATOMIC);
			if (!copy) {
				ng_drop(node, skb, NG_DROP_NOMEM);
				return -ENOBUFS;
			}
			ng_send_data(prev, copy);
		}
		prev = h;
	}
	if (!prev) {
		ng_drop(node, skb, NG_DROP_NO_HOOK);
		return 0;
	}
	return ng_send_data(prev, skb);
}

static void ng_hub_disconnect(struct ng_hook *hook)
{
	struct ng_node *node = ng_hook_node(hook);
	struct ng_hub_priv *priv = ng_node_priv(node);

	if (ng_node_numhooks(node) == 0 && !priv->persistent)
		ng_rmnode_self(node);
}

/* ASCII forms of the messages (FreeBSD's names) */
static const struct ng_cmdlist ng_hub_cmds[] = {
	{ NGM_HUB_COOKIE, NGM_HUB_SET_PERSISTENT, "setpersistent",
	  NULL, NULL },
	{ 0 }
};

static struct ng_type ng_hub_type = {
	.name		= NG_HUB_NODE_TYPE,
	.owner		= THIS_MODULE,
	.node_priv_size	= sizeof(struct ng_hub_priv),
	.constructor	= ng_hub_constructor,
	.rcvmsg		= ng_hub_rcvmsg,
	.rcvdata	= ng_hub_rcvdata,
	.disconnect	= ng_hub_disconnect,
	.cmdlist	= ng_hub_cmds,
};

NG_TYPE_MODULE(ng_hub_type, NG_HUB_NODE_TYPE);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("netgraph hub node type: copies packets to every other hook");
MODULE_ALIAS("ng_hub");
