// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the generic messages' ASCII forms, and the two
 * generic messages that convert any message between binary and ASCII.
 *
 * NGM_BINARY2ASCII takes a whole binary struct ng_mesg and answers with
 * the same header, the command name in cmdstr and the arguments as text.
 * NGM_ASCII2BINARY does the reverse, finding the command by its cmdstr.
 * Commands are looked up in the target node's type's cmdlist first, then
 * in the generic list below.  Field names follow FreeBSD's ng_base.c.
 */
#include <linux/slab.h>
#include <linux/string.h>

#include "core.h"
#include "ng_parse.h"

#define NG_ASCII_BUFSIZ	(20 * 1024)	/* FreeBSD's bound on either form */

/* mkpeer, connect, name, rmhook */
static const struct ng_parse_struct_field ng_generic_mkpeer_fields[] = {
	{ "type",	&ng_parse_typebuf_type },
	{ "ourhook",	&ng_parse_hookbuf_type },
	{ "peerhook",	&ng_parse_hookbuf_type },
	{ NULL }
};

static const struct ng_parse_type ng_generic_mkpeer_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_generic_mkpeer_fields,
};

static const struct ng_parse_struct_field ng_generic_connect_fields[] = {
	{ "path",	&ng_parse_pathbuf_type },
	{ "ourhook",	&ng_parse_hookbuf_type },
	{ "peerhook",	&ng_parse_hookbuf_type },
	{ NULL }
};

static const struct ng_parse_type ng_generic_connect_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_generic_connect_fields,
};

static const struct ng_parse_struct_field ng_generic_name_fields[] = {
	{ "name",	&ng_parse_nodebuf_type },
	{ NULL }
};

static const struct ng_parse_type ng_generic_name_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_generic_name_fields,
};

static const struct ng_parse_struct_field ng_generic_rmhook_fields[] = {
	{ "hook",	&ng_parse_hookbuf_type },
	{ NULL }
};

static const struct ng_parse_type ng_generic_rmhook_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_generic_rmhook_fields,
};

/* nodeinfo, listhooks */
static const struct ng_parse_struct_field ng_generic_nodeinfo_fields[] = {
	{ "name",	&ng_parse_nodebuf_type },
	{ "type",	&ng_parse_typebuf_type },
	{ "id",		&ng_parse_hint32_type },
	{ "hooks",	&ng_parse_uint32_type },
	{ NULL }
};

static const struct ng_parse_type ng_generic_nodeinfo_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_generic_nodeinfo_fields,
};

static const struct ng_parse_struct_field ng_generic_linkinfo_fields[] = {
	{ "ourhook",	&ng_parse_hookbuf_type },
	{ "peerhook",	&ng_parse_hookbuf_type },
	{ "nodeinfo",	&ng_generic_nodeinfo_type },
	{ NULL }
};

static const struct ng_parse_type ng_generic_linkinfo_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_generic_linkinfo_fields,
};

static int ng_generic_linkinfo_getLength(const struct ng_parse_type *type,
					 const u8 *start, const u8 *buf)
{
	const struct hooklist *hl =
		(const struct hooklist *)(buf - offsetof(struct hooklist, link));

	return hl->nodeinfo.hooks;
}

static const struct ng_parse_array_info ng_generic_linkinfo_array_info = {
	.elementType = &ng_generic_linkinfo_type,
	.getLength = ng_generic_linkinfo_getLength,
};

static const struct ng_parse_type ng_generic_linkinfo_array_type = {
	.supertype = &ng_parse_array_type,
	.info = &ng_generic_linkinfo_array_info,
};

static const struct ng_parse_struct_field ng_generic_hooklist_fields[] = {
	{ "nodeinfo",	&ng_generic_nodeinfo_type },
	{ "linkinfo",	&ng_generic_linkinfo_array_type },
	{ NULL }
};

static const struct ng_parse_type ng_generic_hooklist_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_generic_hooklist_fields,
};

/* listnames, listnodes */
static int ng_generic_listnodes_getLength(const struct ng_parse_type *type,
					  const u8 *start, const u8 *buf)
{
	const struct namelist *nl =
		(const struct namelist *)(buf - offsetof(struct namelist,
							 nodeinfo));

	return nl->numnames;
}

static const struct ng_parse_array_info ng_generic_nodeinfo_array_info = {
	.elementType = &ng_generic_nodeinfo_type,
	.getLength = ng_generic_listnodes_getLength,
};

static const struct ng_parse_type ng_generic_nodeinfo_array_type = {
	.supertype = &ng_parse_array_type,
	.info = &ng_generic_nodeinfo_array_info,
};

static const struct ng_parse_struct_field ng_generic_listnodes_fields[] = {
	{ "numnames",	&ng_parse_uint32_type },
	{ "nodeinfo",	&ng_generic_nodeinfo_array_type },
	{ NULL }
};

static const struct ng_parse_type ng_generic_listnodes_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_generic_listnodes_fields,
};

/* listtypes */
static const struct ng_parse_struct_field ng_generic_typeinfo_fields[] = {
	{ "typename",	&ng_parse_typebuf_type },
	{ "numnodes",	&ng_parse_uint32_type },
	{ NULL }
};

static const struct ng_parse_type ng_generic_typeinfo_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_generic_typeinfo_fields,
};

static int ng_generic_typeinfo_getLength(const struct ng_parse_type *type,
					 const u8 *start, const u8 *buf)
{
	const struct typelist *tl =
		(const struct typelist *)(buf - offsetof(struct typelist,
							 typeinfo));

	return tl->numtypes;
}

static const struct ng_parse_array_info ng_generic_typeinfo_array_info = {
	.elementType = &ng_generic_typeinfo_type,
	.getLength = ng_generic_typeinfo_getLength,
};

static const struct ng_parse_type ng_generic_typeinfo_array_type = {
	.supertype = &ng_parse_array_type,
	.info = &ng_generic_typeinfo_array_info,
};

static const struct ng_parse_struct_field ng_generic_typelist_fields[] = {
	{ "numtypes",	&ng_parse_uint32_type },
	{ "typeinfo",	&ng_generic_typeinfo_array_type },
	{ NULL }
};

static const struct ng_parse_type ng_generic_typelist_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_generic_typelist_fields,
};

static const struct ng_cmdlist ng_generic_cmds[] = {
	{ NGM_GENERIC_COOKIE, NGM_SHUTDOWN, "shutdown", NULL, NULL },
	{ NGM_GENERIC_COOKIE, NGM_MKPEER, "mkpeer",
	  &ng_generic_mkpeer_type, NULL },
	{ NGM_GENERIC_COOKIE, NGM_CONNECT, "connect",
	  &ng_generic_connect_type, NULL },
	{ NGM_GENERIC_COOKIE, NGM_NAME, "name",
	  &ng_generic_name_type, NULL },
	{ NGM_GENERIC_COOKIE, NGM_RMHOOK, "rmhook",
	  &ng_generic_rmhook_type, NULL },
	{ NGM_GENERIC_COOKIE, NGM_NODEINFO, "nodeinfo",
	  NULL, &ng_generic_nodeinfo_type },
	{ NGM_GENERIC_COOKIE, NGM_LISTHOOKS, "listhooks",
	  NULL, &ng_generic_hooklist_type },
	{ NGM_GENERIC_COOKIE, NGM_LISTNAMES, "listnames",
	  NULL, &ng_generic_listnodes_type },
	{ NGM_GENERIC_COOKIE, NGM_LISTNODES, "listnodes",
	  NULL, &ng_generic_listnodes_type },
	{ NGM_GENERIC_COOKIE, NGM_LISTTYPES, "listtypes",
	  NULL, &ng_generic_typelist_type },
	{ NGM_GENERIC_COOKIE, NGM_TEXT_CONFIG, "textconfig",
	  NULL, &ng_parse_string_type },
	{ NGM_GENERIC_COOKIE, NGM_TEXT_STATUS, "textstatus",
	  NULL, &ng_parse_string_type },
	{ NGM_GENERIC_COOKIE, NGM_ASCII2BINARY, "ascii2binary",
	  &ng_parse_ng_mesg_type, &ng_parse_ng_mesg_type },
	{ NGM_GENERIC_COOKIE, NGM_BINARY2ASCII, "binary2ascii",
	  &ng_parse_ng_mesg_type, &ng_parse_ng_mesg_type },
	{ 0 }
};

/* The node's type's entry for (cookie, cmd), or by name; else generic. */
static const struct ng_cmdlist *ng_cmd_find(const struct ng_node *node,
					    u32 cookie, u32 cmd,
					    const char *name)
{
	const struct ng_cmdlist *lists[2] = { node->type->cmdlist,
					      ng_generic_cmds };
	const struct ng_cmdlist *c;
	int i;

	for (i = 0; i < 2; i++) {
		for (c = lists[i]; c && c->cookie; c++) {
			if (name ? !strcmp(name, c->name) :
			    (c->cookie == cookie && c->cmd == cmd))
				return c;
		}
	}
	return NULL;
}

static void ng_parse_err_report(struct netlink_ext_ack *extack,
				const char *what,
				const struct ng_parse_err *perr)
{
	NG_ERR(extack, "cannot convert the message arguments",
	       "%s: at byte %d: %s", what, perr->offset,
	       perr->msg[0] ? perr->msg : "invalid input");
}

int ng_gen_binary2ascii(struct ng_node *node, struct ng_msgitem *item)
{
	struct netlink_ext_ack *extack = item->extack;
	const struct ng_mesg *msg = item->msg;
	const struct ng_mesg *binary = (const struct ng_mesg *)msg->data;
	const struct ng_parse_type *argstype;
	const struct ng_cmdlist *c;
	struct ng_parse_err perr = {};
	struct ng_mesg *resp, *ascii;
	int err;

	if (msg->header.arglen < sizeof(*binary) ||
	    msg->header.arglen - sizeof(*binary) < binary->header.arglen) {
		NL_SET_ERR_MSG(extack, "binary2ascii: argument is not a whole struct ng_mesg");
		return -EINVAL;
	}
	c = ng_cmd_find(node, binary->header.typecookie, binary->header.cmd,
			NULL);
	if (!c) {
		NG_ERR(extack, "binary2ascii: no ASCII form for this command",
		       "binary2ascii: type %s knows no command %u of cookie %u",
		       node->type->name, binary->header.cmd,
		       binary->header.typecookie);
		return -ENOSYS;
	}
	resp = ng_mkresponse(msg, sizeof(*ascii) + NG_ASCII_BUFSIZ,
			     GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	ascii = (struct ng_mesg *)resp->data;
	memcpy(&ascii->header, &binary->header, sizeof(ascii->header));
	strscpy(ascii->header.cmdstr, c->name, sizeof(ascii->header.cmdstr));

	argstype = (binary->header.flags & NGF_RESP) ? c->respType :
						       c->mesgType;
	if (argstype) {
		err = ng_unparse(argstype, (const u8 *)binary->data,
				 binary->header.arglen, ascii->data,
				 NG_ASCII_BUFSIZ, &perr);
		if (err < 0) {
			ng_parse_err_report(extack, "binary2ascii", &perr);
			kvfree(resp);
			return err;
		}
	} else {
		ascii->data[0] = '\0';
	}
	ascii->header.arglen = strlen(ascii->data) + 1;
	resp->header.arglen = sizeof(*ascii) + ascii->header.arglen;
	return ng_respond(node, item, resp);
}

int ng_gen_ascii2binary(struct ng_node *node, struct ng_msgitem *item)
{
	struct netlink_ext_ack *extack = item->extack;
	const struct ng_mesg *msg = item->msg;
	const struct ng_mesg *ascii = (const struct ng_mesg *)msg->data;
	const struct ng_parse_type *argstype;
	const struct ng_cmdlist *c;
	struct ng_parse_err perr = {};
	struct ng_mesg *resp, *binary;
	char cmdstr[NG_CMDSTRSIZ];
	int len = 0, err;

	if (msg->header.arglen < sizeof(*ascii) + 1 ||
	    ascii->header.arglen < 1 ||
	    msg->header.arglen - sizeof(*ascii) < ascii->header.arglen) {
		NL_SET_ERR_MSG(extack, "ascii2binary: argument is not a whole struct ng_mesg with text");
		return -EINVAL;
	}
	if (strnlen(ascii->data, ascii->header.arglen) >= ascii->header.arglen) {
		NL_SET_ERR_MSG(extack, "ascii2binary: the text is not NUL-terminated within arglen");
		return -EINVAL;
	}
	memcpy(cmdstr, ascii->header.cmdstr, sizeof(cmdstr));
	cmdstr[sizeof(cmdstr) - 1] = '\0';
	c = ng_cmd_find(node, 0, 0, cmdstr);
	if (!c) {
		NG_ERR(extack, "ascii2binary: unknown command name",
		       "ascii2binary: type %s knows no command \"%s\"",
		       node->type->name, cmdstr);
		return -ENOSYS;
	}
	resp = ng_mkresponse(msg, sizeof(*binary) + NG_ASCII_BUFSIZ,
			     GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	binary = (struct ng_mesg *)resp->data;
	memcpy(&binary->header, &ascii->header, sizeof(binary->header));
	binary->header.cmd = c->cmd;
	binary->header.typecookie = c->cookie;

	argstype = (binary->header.flags & NGF_RESP) ? c->respType :
						       c->mesgType;
	if (argstype) {
		len = NG_ASCII_BUFSIZ;
		err = ng_parse(argstype, ascii->data, (u8 *)binary->data, &len,
			       &perr);
		if (err < 0) {
			ng_parse_err_report(extack, "ascii2binary", &perr);
			kvfree(resp);
			return err;
		}
	}
	binary->header.arglen = len;
	resp->header.arglen = sizeof(*binary) + len;
	return ng_respond(node, item, resp);
}
