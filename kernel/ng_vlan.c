// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the "vlan" node type, FreeBSD's IEEE 802.1Q
 * multiplexer.
 *
 * Hook "downstream" carries tagged frames (a trunk); a filter sends the
 * frames of one VLAN ID to a hook of any other name, untagged, and tags
 * the frames that hook sends back (with the filter's PCP and CFI).
 * Frames of other VLANs, and untagged ones, go to "nomatch" unchanged
 * (or untagged, with their tag kept out of band, when decapsulation is
 * on); its frames go downstream unchanged (or with their out-of-band tag
 * put in the frame, with VLAN_ENCAP_FROM_NOMATCH).
 *
 * A tag is either in the frame, after the source address (EtherType
 * encap_proto, 0x8100 by default), or out of band, as a NIC gives it
 * (skb_vlan_tag_present(): FreeBSD's M_VLANTAG; like FreeBSD, the node
 * ignores the EtherType of an out-of-band tag and puts encap_proto on the
 * tags it makes).  Interface nodes take
 * the frames they receive as untagged, so a tag meant for them belongs in
 * the frame.
 *
 * Concurrency: the filters and the hook pointers change in control
 * context only; the data path reads them with READ_ONCE() under the RCU
 * read lock rcvdata runs in, and a hook it finds may be one just being
 * removed, which only makes the send fail (-ENOTCONN).
 */
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "netgraph.h"
#include "ng_parse.h"
#include "../uapi/ng_vlan.h"

#define NG_VLAN_NVID	(VLAN_VID_MASK + 1)
/* flow messages have small arguments (struct ngm_queue_state: 16 bytes) */
#define NG_VLAN_FLOW_MAXARG	64

/*
 * hook private area: 0, or NG_VLAN_FILTER | the filter's VID, PCP and CFI
 * as in a TCI (one word, so the data path never sees a filter without
 * its tag)
 */
struct ng_vlan_hook {
	u32 filter;
};

#define NG_VLAN_FILTER	BIT(16)

struct ng_vlan_priv {
	struct ng_hook *downstream;
	struct ng_hook *nomatch;
	u32 decap;			/* nomatch gets frames untagged */
	u32 encap;			/* VLAN_ENCAP_FROM_* */
	__be16 encap_proto;
	struct ng_hook **vid_hook;	/* NG_VLAN_NVID of them */
};

static int ng_vlan_constructor(struct ng_node *node)
{
	struct ng_vlan_priv *priv = ng_node_priv(node);

	priv->vid_hook = kvcalloc(NG_VLAN_NVID, sizeof(*priv->vid_hook),
				  GFP_KERNEL_ACCOUNT);
	if (!priv->vid_hook)
		return -ENOMEM;
	priv->encap = VLAN_ENCAP_FROM_FILTER;
	priv->encap_proto = htons(ETH_P_8021Q);
	return 0;
}

static void ng_vlan_shutdown(struct ng_node *node)
{
	struct ng_vlan_priv *priv = ng_node_priv(node);

	kvfree(priv->vid_hook);
	priv->vid_hook = NULL;
}

/**
 * ng_vlan_newhook - accept "downstream", "nomatch" or any other name
 * @node: this node
 * @hook: the new hook
 * @name: its name
 *
 * A hook of another name carries nothing until a filter names it.
 *
 * Return: 0.
 */
static int ng_vlan_newhook(struct ng_node *node, struct ng_hook *hook,
			   const char *name)
{
	struct ng_vlan_priv *priv = ng_node_priv(node);

	if (!strcmp(name, NG_VLAN_HOOK_DOWNSTREAM))
		WRITE_ONCE(priv->downstream, hook);
	else if (!strcmp(name, NG_VLAN_HOOK_NOMATCH))
		WRITE_ONCE(priv->nomatch, hook);
	return 0;
}

static void ng_vlan_unfilter(struct ng_vlan_priv *priv, struct ng_hook *hook)
{
	struct ng_vlan_hook *vh = ng_hook_priv(hook);

	if (!vh->filter)
		return;
	WRITE_ONCE(priv->vid_hook[vh->filter & VLAN_VID_MASK], NULL);
	WRITE_ONCE(vh->filter, 0);
}

static void ng_vlan_disconnect(struct ng_hook *hook)
{
	struct ng_node *node = ng_hook_node(hook);
	struct ng_vlan_priv *priv = ng_node_priv(node);

	if (priv->downstream == hook)
		WRITE_ONCE(priv->downstream, NULL);
	else if (priv->nomatch == hook)
		WRITE_ONCE(priv->nomatch, NULL);
	else
		ng_vlan_unfilter(priv, hook);
	if (ng_node_numhooks(node) == 0)
		ng_rmnode_self(node);
}

/* ------------------------------------------------------------ messages */

static int ng_vlan_addfilter(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_vlan_priv *priv = ng_node_priv(node);
	struct ng_vlan_filter vf;
	struct ng_vlan_hook *vh;
	struct ng_hook *hook;

	if (item->msg->header.arglen != sizeof(vf)) {
		NL_SET_ERR_MSG(item->extack,
			       "vlan: arglen must be sizeof(struct ng_vlan_filter)");
		return -EINVAL;
	}
	memcpy(&vf, item->msg->data, sizeof(vf));
	/* FreeBSD's old field name: either may carry the VID */
	if (vf.vid == 0)
		vf.vid = vf.vlan;
	else if (vf.vlan != 0 && vf.vlan != vf.vid) {
		NL_SET_ERR_MSG(item->extack, "vlan: vlan and vid differ");
		return -EINVAL;
	}
	if (vf.vid & ~VLAN_VID_MASK || vf.pcp & ~7 || vf.cfi & ~1) {
		NL_SET_ERR_MSG(item->extack,
			       "vlan: vid is 0..4095, pcp 0..7, cfi 0..1");
		return -EINVAL;
	}
	if (!memchr(vf.hook_name, '\0', sizeof(vf.hook_name))) {
		NL_SET_ERR_MSG(item->extack, "vlan: hook name not terminated");
		return -EINVAL;
	}
	hook = ng_node_find_hook(node, vf.hook_name);
	if (!hook) {
		NL_SET_ERR_MSG(item->extack, "vlan: no such hook");
		return -ENOENT;
	}
	if (hook == priv->downstream || hook == priv->nomatch) {
		NL_SET_ERR_MSG(item->extack,
			       "vlan: downstream and nomatch take no filter");
		return -EINVAL;
	}
	vh = ng_hook_priv(hook);
	if (vh->filter) {
		NL_SET_ERR_MSG(item->extack, "vlan: the hook has a filter");
		return -EEXIST;
	}
	if (priv->vid_hook[vf.vid]) {
		NL_SET_ERR_MSG(item->extack, "vlan: the VID has a filter");
		return -EEXIST;
	}
	WRITE_ONCE(vh->filter, NG_VLAN_FILTER | vf.vid |
		   vf.pcp << VLAN_PRIO_SHIFT | (vf.cfi ? VLAN_CFI_MASK : 0));
	WRITE_ONCE(priv->vid_hook[vf.vid], hook);
	return 0;
}

static int ng_vlan_delfilter(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_vlan_priv *priv = ng_node_priv(node);
	const struct ng_mesg *msg = item->msg;
	struct ng_hook *hook = NULL;
	u16 vid;

	if (msg->header.cmd == NGM_VLAN_DEL_FILTER) {
		if (msg->header.arglen != NG_HOOKSIZ ||
		    !memchr(msg->data, '\0', NG_HOOKSIZ)) {
			NL_SET_ERR_MSG(item->extack,
				       "vlan: delfilter takes a hook name in 32 bytes");
			return -EINVAL;
		}
		hook = ng_node_find_hook(node, (const char *)msg->data);
	} else {
		if (msg->header.arglen != sizeof(vid)) {
			NL_SET_ERR_MSG(item->extack,
				       "vlan: delvidflt takes a 2-byte VID");
			return -EINVAL;
		}
		memcpy(&vid, msg->data, sizeof(vid));
		if (vid & ~VLAN_VID_MASK) {
			NL_SET_ERR_MSG(item->extack, "vlan: vid is 0..4095");
			return -EINVAL;
		}
		hook = priv->vid_hook[vid];
	}
	if (!hook || !((struct ng_vlan_hook *)ng_hook_priv(hook))->filter) {
		NL_SET_ERR_MSG(item->extack, "vlan: no such filter");
		return -ENOENT;
	}
	ng_vlan_unfilter(priv, hook);
	return 0;
}

static int ng_vlan_gettable(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_vlan_priv *priv = ng_node_priv(node);
	struct ng_vlan_filter *vf;
	struct ng_vlan_table *t;
	struct ng_vlan_hook *vh;
	struct ng_mesg *resp;
	unsigned int n = 0;
	int i;

	for (i = 0; i < NG_VLAN_NVID; i++)
		if (priv->vid_hook[i])
			n++;
	resp = ng_mkresponse(item->msg, struct_size(t, filter, n),
			     GFP_KERNEL_ACCOUNT);
	if (!resp)
		return -ENOMEM;
	t = (struct ng_vlan_table *)resp->data;
	for (i = 0; i < NG_VLAN_NVID; i++) {
		if (!priv->vid_hook[i])
			continue;
		vh = ng_hook_priv(priv->vid_hook[i]);
		vf = &t->filter[t->n++];
		strscpy(vf->hook_name, ng_hook_name(priv->vid_hook[i]),
			sizeof(vf->hook_name));
		vf->vlan = i;
		vf->vid = i;
		vf->pcp = (vh->filter & VLAN_PRIO_MASK) >> VLAN_PRIO_SHIFT;
		vf->cfi = !!(vh->filter & VLAN_CFI_MASK);
	}
	return ng_respond(node, item, resp);
}

/* A u32 or u16 reply */
static int ng_vlan_reply(struct ng_node *node, struct ng_msgitem *item,
			 const void *v, size_t len)
{
	struct ng_mesg *resp = ng_mkresponse(item->msg, len, GFP_KERNEL);

	if (!resp)
		return -ENOMEM;
	memcpy(resp->data, v, len);
	return ng_respond(node, item, resp);
}

/* A u32 or u16 argument */
static int ng_vlan_arg(struct ng_msgitem *item, void *v, size_t len)
{
	if (item->msg->header.arglen != len) {
		if (len == sizeof(u32))
			NL_SET_ERR_MSG(item->extack,
				       "vlan: arglen must be 4 (a __u32)");
		else
			NL_SET_ERR_MSG(item->extack,
				       "vlan: arglen must be 2 (a __u16)");
		return -EINVAL;
	}
	memcpy(v, item->msg->data, len);
	return 0;
}

/* Flow messages from downstream go to every filter's hook. */
static int ng_vlan_flow(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_vlan_priv *priv = ng_node_priv(node);
	const struct ng_mesg *msg = item->msg;
	struct ng_mesg *copy;
	int i;

	if (!item->lasthook || item->lasthook != priv->downstream)
		return 0;
	if (msg->header.arglen > NG_VLAN_FLOW_MAXARG) {
		NL_SET_ERR_MSG(item->extack,
			       "vlan: a flow message to pass on has at most 64 bytes of arguments");
		return -EINVAL;
	}
	for (i = 0; i < NG_VLAN_NVID; i++) {
		if (!priv->vid_hook[i])
			continue;
		copy = ng_copymessage(msg, GFP_KERNEL_ACCOUNT);
		if (copy)
			ng_send_msg_hook(node, priv->vid_hook[i], copy);
	}
	return 0;
}

/**
 * ng_vlan_rcvmsg - filters, switches and flow messages
 * @node: this node
 * @item: the message
 *
 * Return:
 * * %0 - done (a reply was sent for the get-commands)
 * * %-EINVAL - unknown cookie or command, wrong argument length, a VID,
 *   PCP or CFI out of range, vlan and vid that differ, a hook name
 *   without its NUL, a filter on downstream or nomatch, an encapsulation
 *   EtherType below 0x0600, a flow message from downstream with more than
 *   NG_VLAN_FLOW_MAXARG bytes of arguments
 * * %-ENOENT - no such hook, or no filter to delete
 * * %-EEXIST - the hook or the VID has a filter already
 * * %-ENOMEM - no memory for the reply or a flow message's copy
 * * other - the error of ng_respond()
 */
static int ng_vlan_rcvmsg(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_vlan_priv *priv = ng_node_priv(node);
	const struct ng_mesg *msg = item->msg;
	u32 v32;
	u16 v16;
	int err;

	if (msg->header.typecookie == NGM_FLOW_COOKIE)
		return ng_vlan_flow(node, item);
	if (msg->header.typecookie != NGM_VLAN_COOKIE) {
		NL_SET_ERR_MSG(item->extack, "vlan: unknown typecookie");
		return -EINVAL;
	}
	switch (msg->header.cmd) {
	case NGM_VLAN_ADD_FILTER:
		return ng_vlan_addfilter(node, item);
	case NGM_VLAN_DEL_FILTER:
	case NGM_VLAN_DEL_VID_FLT:
		return ng_vlan_delfilter(node, item);
	case NGM_VLAN_GET_TABLE:
		return ng_vlan_gettable(node, item);
	case NGM_VLAN_GET_DECAP:
		return ng_vlan_reply(node, item, &priv->decap, sizeof(u32));
	case NGM_VLAN_GET_ENCAP:
		return ng_vlan_reply(node, item, &priv->encap, sizeof(u32));
	case NGM_VLAN_GET_ENCAP_PROTO:
		v16 = ntohs(priv->encap_proto);
		return ng_vlan_reply(node, item, &v16, sizeof(v16));
	case NGM_VLAN_SET_DECAP:
	case NGM_VLAN_SET_ENCAP:
		err = ng_vlan_arg(item, &v32, sizeof(v32));
		if (err)
			return err;
		if (msg->header.cmd == NGM_VLAN_SET_DECAP)
			WRITE_ONCE(priv->decap, v32);
		else
			WRITE_ONCE(priv->encap, v32);
		return 0;
	case NGM_VLAN_SET_ENCAP_PROTO:
		err = ng_vlan_arg(item, &v16, sizeof(v16));
		if (err)
			return err;
		/* a length is no EtherType, and a zero tag would vanish */
		if (v16 < ETH_P_802_3_MIN) {
			NL_SET_ERR_MSG(item->extack,
				       "vlan: the encapsulation EtherType is 0x0600 or more");
			return -EINVAL;
		}
		WRITE_ONCE(priv->encap_proto, htons(v16));
		return 0;
	default:
		NL_SET_ERR_MSG(item->extack, "vlan: unknown cmd");
		return -EINVAL;
	}
}

/* ------------------------------------------------------------ data */

/*
 * Making room or a private copy reallocated the head (GFP_ATOMIC, charged
 * to no one): the packet's data is no longer all its allocator's.
 */
static void ng_vlan_recharged(struct sk_buff *skb, unsigned char *old_head)
{
	if (skb->head != old_head)
		ng_skb_meta(skb)->flags &= ~NG_SKB_META_CHARGED;
}

/* Take the tag out of the frame (its first 18 bytes are in the head). */
static int ng_vlan_decap(struct sk_buff *skb)
{
	unsigned char *head = skb->head;

	if (skb_ensure_writable(skb, VLAN_ETH_HLEN))
		return -ENOBUFS;
	ng_vlan_recharged(skb, head);
	memmove(skb->data + VLAN_HLEN, skb->data, 2 * ETH_ALEN);
	skb_pull(skb, VLAN_HLEN);
	skb_reset_mac_header(skb);
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	return 0;
}

/* Put tag @tci of EtherType @proto in the frame; @node drops it on failure. */
static int ng_vlan_encap(struct ng_node *node, struct sk_buff *skb,
			 __be16 proto, u16 tci)
{
	unsigned char *head = skb->head;

	if (__vlan_insert_tag(skb, proto, tci)) {
		ng_drop(node, skb, NG_DROP_NOMEM);
		return -ENOMEM;
	}
	ng_vlan_recharged(skb, head);
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	return 0;
}

/* Send @skb out of @node's @hook, or drop it if there is no such hook. */
static int ng_vlan_send(struct ng_node *node, struct ng_hook *hook,
			struct sk_buff *skb)
{
	if (!hook) {
		ng_drop(node, skb, NG_DROP_NO_HOOK);
		return -ENETDOWN;
	}
	return ng_send_data(hook, skb);
}

/* A frame from downstream: to its VLAN's filter, or to nomatch. */
static int ng_vlan_from_downstream(struct ng_node *node,
				   struct sk_buff *skb)
{
	struct ng_vlan_priv *priv = ng_node_priv(node);
	__be16 proto = READ_ONCE(priv->encap_proto);
	struct ng_hook *dst = READ_ONCE(priv->nomatch), *filter;
	bool oob = skb_vlan_tag_present(skb);
	u16 tci;
	int err;

	if (!oob && ((struct ethhdr *)skb->data)->h_proto != proto)
		return ng_vlan_send(node, dst, skb);
	if (oob) {
		tci = skb_vlan_tag_get(skb);
	} else {
		if (skb->len < VLAN_ETH_HLEN) {
			ng_drop(node, skb, NG_DROP_TOO_SHORT);
			return -EINVAL;
		}
		if (!pskb_may_pull(skb, VLAN_ETH_HLEN)) {
			ng_drop(node, skb, NG_DROP_NOMEM);
			return -ENOBUFS;
		}
		tci = ntohs(((struct vlan_ethhdr *)skb->data)->h_vlan_TCI);
	}

	filter = READ_ONCE(priv->vid_hook[tci & VLAN_VID_MASK]);
	if (filter) {
		/* a filter's frames always go untagged */
		dst = filter;
		if (oob) {
			__vlan_hwaccel_clear_tag(skb);
			return ng_vlan_send(node, dst, skb);
		}
	} else {
		if (!dst || oob || !READ_ONCE(priv->decap))
			return ng_vlan_send(node, dst, skb);
		/* nomatch, decapsulated: the tag goes out of band */
		__vlan_hwaccel_put_tag(skb, proto, tci);
	}
	err = ng_vlan_decap(skb);
	if (err) {
		ng_drop(node, skb, NG_DROP_NOMEM);
		return err;
	}
	return ng_vlan_send(node, dst, skb);
}

/**
 * ng_vlan_rcvdata - demultiplex from downstream, tag towards it
 * @hook: the arrival hook
 * @skb: an Ethernet frame
 *
 * Return:
 * * %0 - sent
 * * %-EINVAL - dropped: shorter than its Ethernet (or 802.1Q) header
 * * %-ENETDOWN - dropped: the node has no hook to send it to
 * * %-ENOTCONN - dropped: that hook is being removed
 * * %-EOPNOTSUPP - dropped: from a hook that has no filter
 * * %-ENOBUFS, %-ENOMEM - no memory to change the frame
 * * other - the error of the send
 */
static int ng_vlan_rcvdata(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_node *node = ng_hook_node(hook);
	struct ng_vlan_priv *priv = ng_node_priv(node);
	struct ng_vlan_hook *vh = ng_hook_priv(hook);
	struct ng_hook *dst;
	u16 tci;

	if (skb->len < ETH_HLEN) {
		ng_drop(node, skb, NG_DROP_TOO_SHORT);
		return -EINVAL;
	}
	if (!pskb_may_pull(skb, ETH_HLEN)) {
		ng_drop(node, skb, NG_DROP_NOMEM);
		return -ENOBUFS;
	}
	if (hook == READ_ONCE(priv->downstream))
		return ng_vlan_from_downstream(node, skb);

	dst = READ_ONCE(priv->downstream);
	if (!dst) {
		ng_drop(node, skb, NG_DROP_NO_HOOK);
		return -ENETDOWN;
	}
	if (hook != READ_ONCE(priv->nomatch)) {
		u32 filter = READ_ONCE(vh->filter);

		if (!filter) {
			ng_drop(node, skb, NG_DROP_FILTERED);
			return -EOPNOTSUPP;
		}
		tci = filter & 0xffff;
		if (!(READ_ONCE(priv->encap) & VLAN_ENCAP_FROM_FILTER)) {
			__vlan_hwaccel_put_tag(skb, READ_ONCE(priv->encap_proto),
					       tci);
			return ng_send_data(dst, skb);
		}
	} else {
		if (!(READ_ONCE(priv->encap) & VLAN_ENCAP_FROM_NOMATCH) ||
		    !skb_vlan_tag_present(skb))
			return ng_send_data(dst, skb);
		tci = skb_vlan_tag_get(skb);
		__vlan_hwaccel_clear_tag(skb);
	}
	if (ng_vlan_encap(node, skb, READ_ONCE(priv->encap_proto), tci))
		return -ENOMEM;
	return ng_send_data(dst, skb);
}

/* ------------------------------------------------------------ ASCII */

static int ng_vlan_table_len(const struct ng_parse_type *type,
			     const u8 *start, const u8 *buf)
{
	u32 n;

	memcpy(&n, buf - sizeof(n), sizeof(n));
	return min_t(u32, n, NG_VLAN_NVID);
}

static const struct ng_parse_struct_field ng_vlan_filter_fields[] = {
	{ "hook",	&ng_parse_hookbuf_type },
	{ "vlan",	&ng_parse_uint16_type },
	{ "vid",	&ng_parse_uint16_type },
	{ "pcp",	&ng_parse_uint8_type },
	{ "cfi",	&ng_parse_uint8_type },
	{ NULL }
};

static const struct ng_parse_type ng_vlan_filter_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_vlan_filter_fields,
};

static const struct ng_parse_array_info ng_vlan_filters_info = {
	.elementType = &ng_vlan_filter_type,
	.getLength = ng_vlan_table_len,
};

static const struct ng_parse_type ng_vlan_filters_type = {
	.supertype = &ng_parse_array_type,
	.info = &ng_vlan_filters_info,
};

static const struct ng_parse_struct_field ng_vlan_table_fields[] = {
	{ "n",		&ng_parse_uint32_type },
	{ "filter",	&ng_vlan_filters_type },
	{ NULL }
};

static const struct ng_parse_type ng_vlan_table_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_vlan_table_fields,
};

static const struct ng_cmdlist ng_vlan_cmds[] = {
	{ NGM_VLAN_COOKIE, NGM_VLAN_ADD_FILTER, "addfilter",
	  &ng_vlan_filter_type, NULL },
	{ NGM_VLAN_COOKIE, NGM_VLAN_DEL_FILTER, "delfilter",
	  &ng_parse_hookbuf_type, NULL },
	{ NGM_VLAN_COOKIE, NGM_VLAN_GET_TABLE, "gettable",
	  NULL, &ng_vlan_table_type },
	{ NGM_VLAN_COOKIE, NGM_VLAN_DEL_VID_FLT, "delvidflt",
	  &ng_parse_uint16_type, NULL },
	{ NGM_VLAN_COOKIE, NGM_VLAN_GET_DECAP, "getdecap",
	  NULL, &ng_parse_hint32_type },
	{ NGM_VLAN_COOKIE, NGM_VLAN_SET_DECAP, "setdecap",
	  &ng_parse_hint32_type, NULL },
	{ NGM_VLAN_COOKIE, NGM_VLAN_GET_ENCAP, "getencap",
	  NULL, &ng_parse_hint32_type },
	{ NGM_VLAN_COOKIE, NGM_VLAN_SET_ENCAP, "setencap",
	  &ng_parse_hint32_type, NULL },
	{ NGM_VLAN_COOKIE, NGM_VLAN_GET_ENCAP_PROTO, "getencapproto",
	  NULL, &ng_parse_hint16_type },
	{ NGM_VLAN_COOKIE, NGM_VLAN_SET_ENCAP_PROTO, "setencapproto",
	  &ng_parse_hint16_type, NULL },
	{ 0 }
};

static struct ng_type ng_vlan_type = {
	.name		= NG_VLAN_NODE_TYPE,
	.owner		= THIS_MODULE,
	.node_priv_size	= sizeof(struct ng_vlan_priv),
	.hook_priv_size	= sizeof(struct ng_vlan_hook),
	.constructor	= ng_vlan_constructor,
	.rcvmsg		= ng_vlan_rcvmsg,
	.shutdown	= ng_vlan_shutdown,
	.newhook	= ng_vlan_newhook,
	.rcvdata	= ng_vlan_rcvdata,
	.disconnect	= ng_vlan_disconnect,
	.cmdlist	= ng_vlan_cmds,
};

NG_TYPE_MODULE(ng_vlan_type, NG_VLAN_NODE_TYPE);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("netgraph vlan node type: an IEEE 802.1Q multiplexer");
MODULE_ALIAS("ng_vlan");
