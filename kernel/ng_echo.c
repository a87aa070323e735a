// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the "echo" node type.
 *
 * A packet leaves through the hook it arrived on.  A control message that
 * the core hands to the node (anything but a generic message) goes back to
 * its sender as a reply: same cookie, command, token, command string and
 * arguments, with NGF_RESP set.  Hooks may have any name; the node shuts
 * itself down when its last hook is removed.
 */
#include <linux/module.h>
#include <linux/string.h>

#include "netgraph.h"
#include "../uapi/ng_echo.h"

static int ng_echo_constructor(struct ng_node *node)
{
	return 0;
}

/**
 * ng_echo_rcvmsg - return a message to its sender
 * @node: this node
 * @item: the message being delivered
 *
 * Cookie and command are not checked: the whole message is reflected.
 *
 * Return:
 * * %0 - the reply was sent
 * * %-ENOMEM - no memory for the reply
 * * other - the error of ng_respond()
 */
static int ng_echo_rcvmsg(struct ng_node *node, struct ng_msgitem *item)
{
	const struct ng_mesg *msg = item->msg;
	struct ng_mesg *resp;

	resp = ng_mkresponse(msg, msg->header.arglen, GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	memcpy(resp->data, msg->data, msg->header.arglen);
	return ng_respond(node, item, resp);
}

static int ng_echo_rcvdata(struct ng_hook *hook, struct sk_buff *skb)
{
	return ng_send_data(hook, skb);
}

static void ng_echo_disconnect(struct ng_hook *hook)
{
	struct ng_node *node = ng_hook_node(hook);

	if (ng_node_numhooks(node) == 0)
		ng_rmnode_self(node);
}

static struct ng_type ng_echo_type = {
	.name		= NG_ECHO_NODE_TYPE,
	.owner		= THIS_MODULE,
	.constructor	= ng_echo_constructor,
	.rcvmsg		= ng_echo_rcvmsg,
	.rcvdata	= ng_echo_rcvdata,
	.disconnect	= ng_echo_disconnect,
};

NG_TYPE_MODULE(ng_echo_type, NG_ECHO_NODE_TYPE);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("netgraph echo node type: reflects packets and messages");
MODULE_ALIAS("ng_echo");
