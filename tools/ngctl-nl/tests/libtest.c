// SPDX-License-Identifier: GPL-2.0
/*
 * Host-side tests of libnetgraph's netlink core (ngnl.h) against the
 * always-present "nlctrl" family: they exercise the real
 * request/ACK/error/extack/dump paths without the netgraph module.  Output: one "ok - ...", "not ok - ..." or
 * "skip - ..." line per check; test.sh turns them into TAP.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "ngnl.h"

static int failures;

static void check(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s - ", ok ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!ok)
		failures++;
}

static void skip(const char *fmt, ...)
{
	va_list ap;

	printf("skip - ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

struct fams {
	int count;
	bool saw_nlctrl;
	int id;
	int stop_with;
};

static int fam_cb(uint8_t cmd, struct nlattr **tb, void *arg)
{
	struct fams *f = arg;

	(void)cmd;
	f->count++;
	if (tb[CTRL_ATTR_FAMILY_NAME] &&
	    strcmp(nla_data(tb[CTRL_ATTR_FAMILY_NAME]), "nlctrl") == 0)
		f->saw_nlctrl = true;
	if (tb[CTRL_ATTR_FAMILY_ID])
		f->id = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	return f->stop_with;
}

static int getfamily(struct ngnl *h, const char *name, struct fams *f)
{
	struct nl_msg *m = ngnl_msg_alloc(h, CTRL_CMD_GETFAMILY, false);

	if (!m || nla_put_string(m, CTRL_ATTR_FAMILY_NAME, name) < 0)
		return -ENOMEM;
	return ngnl_request(h, m, fam_cb, f);
}

int main(void)
{
	struct ngnl *h = NULL, *d = NULL;
	struct fams f;
	struct nl_msg *m;
	struct ng_mesg *msg;
	char longname[41];
	char *trace = NULL;
	size_t len, tlen = 0;
	FILE *tfp;
	uint32_t t1;
	char *big;
	int r, fd;

	setvbuf(stdout, NULL, _IOLBF, 0);

	r = ngnl_open(&h, "ngnl-nofamily", 0);
	check(r == -ENOENT && !h, "open of a missing family gives -ENOENT (%d)",
	      r);

	r = ngnl_open(&h, "nlctrl", 0);
	check(r == 0 && h, "open nlctrl (%d)", r);
	if (r) {
		printf("# generic netlink unusable here; nothing else to do\n");
		return 1;
	}
	check(ngnl_family_id(h) == GENL_ID_CTRL, "nlctrl resolves to id %d",
	      ngnl_family_id(h));

	memset(&f, 0, sizeof(f));
	r = getfamily(h, "nlctrl", &f);
	check(r == 0 && f.count == 1 && f.id == GENL_ID_CTRL,
	      "do request: one reply then ACK (%d, %d replies)", r, f.count);

	memset(&f, 0, sizeof(f));
	r = getfamily(h, "ngnl-nofamily", &f);
	check(r == -ENOENT && f.count == 0,
	      "kernel errno kept: ENOENT, not an NLE code (%d)", r);

	memset(&f, 0, sizeof(f));
	m = ngnl_msg_alloc(h, CTRL_CMD_GETFAMILY, true);
	r = ngnl_request(h, m, fam_cb, &f);
	check(r == 0 && f.count >= 1 && f.saw_nlctrl,
	      "dump streams every family (%d, %d families)", r, f.count);

	memset(&f, 0, sizeof(f));
	f.stop_with = -ECANCELED;
	m = ngnl_msg_alloc(h, CTRL_CMD_GETFAMILY, true);
	r = ngnl_request(h, m, fam_cb, &f);
	check(r == -ECANCELED && f.count == 1,
	      "a callback error stops delivery and is returned (%d, %d)", r,
	      f.count);
	memset(&f, 0, sizeof(f));
	r = getfamily(h, "nlctrl", &f);
	check(r == 0 && f.count == 1,
	      "the socket is usable after an aborted dump (%d, %d)", r,
	      f.count);

	/* policy violation: a family name longer than GENL_NAMSIZ - 1 */
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	m = ngnl_msg_alloc(h, CTRL_CMD_GETPOLICY, true);
	nla_put_string(m, CTRL_ATTR_FAMILY_NAME, longname);
	r = ngnl_request(h, m, NULL, NULL);
	check(r == -EINVAL, "policy violation gives -EINVAL (%d)", r);
	if (ngnl_extack(h))
		check(strlen(ngnl_extack(h)) > 0,
		      "extack message parsed: \"%s\"", ngnl_extack(h));
	else
		skip("this kernel sent no extack message");

	memset(&f, 0, sizeof(f));
	r = getfamily(h, "nlctrl", &f);
	check(r == 0 && ngnl_extack(h) == NULL,
	      "extack is cleared by the next request");

	r = ngnl_subscribe_events(h);
	check(r == -ENOENT, "no \"events\" group in nlctrl gives -ENOENT (%d)",
	      r);

	/* a handle on a socket of the caller's, the family taken from h */
	fd = ngnl_socket();
	check(fd >= 0, "ngnl_socket gives a socket (%d)", fd);
	r = ngnl_open_fd(&d, fd, h);
	check(r == 0 && d && ngnl_family_id(d) == GENL_ID_CTRL &&
		      ngnl_fd(d) != fd,
	      "ngnl_open_fd takes the family of the handle given (%d)", r);
	memset(&f, 0, sizeof(f));
	r = d ? getfamily(d, "nlctrl", &f) : -EBADF;
	check(r == 0 && f.count == 1, "a request through it is answered (%d)",
	      r);
	ngnl_close(d);
	d = NULL;
	check(fd >= 0 && fcntl(fd, F_GETFD) >= 0,
	      "ngnl_close leaves the caller's socket open");
	if (fd >= 0)
		close(fd);
	ngnl_close(h);

	/* ng_mesg construction */
	t1 = ngnl_next_token();
	msg = ngnl_mesg_build(NGM_GENERIC_COOKIE, NGM_NODEINFO, NULL, "ab", 2,
			      &len);
	check(msg && len == sizeof(*msg) + 2 && msg->header.version == 8 &&
		      msg->header.arglen == 2 &&
		      msg->header.cmd == NGM_NODEINFO &&
		      msg->header.flags == NGF_ORIG &&
		      msg->header.token == t1 + 1 &&
		      msg->header.typecookie == NGM_GENERIC_COOKIE &&
		      strcmp(msg->header.cmdstr, "cmd805306374") == 0 &&
		      memcmp(msg->data, "ab", 2) == 0,
	      "ngnl_mesg_build fills the header (cmdstr \"%s\")",
	      msg ? msg->header.cmdstr : "?");
	free(msg);
	msg = ngnl_mesg_build(1, 2, NULL, NULL, 70000, &len);
	check(!msg && errno == EMSGSIZE, "oversized ng_mesg refused");
	free(msg);

	/* dry run: requests are traced, nothing is sent */
	r = ngnl_open(&d, NULL, NGNL_F_DRYRUN);
	check(r == 0 && d && ngnl_fd(d) == -1, "dry-run open needs no kernel");
	tfp = open_memstream(&trace, &tlen);
	ngnl_set_trace(d, tfp);
	r = ngnl_mkpeer(d, NULL, "hub", "a", "b", NULL);
	fflush(tfp);
	check(r == 0 && strstr(trace, "request NETGRAPH_CMD_MKPEER\n") &&
		      !strstr(trace, "PATH") &&
		      strstr(trace, "  TYPE \"hub\"\n"),
	      "standalone mkpeer sends no PATH");
	big = calloc(1, 70000);
	r = big ? ngnl_inject(d, "x:", "h", big, 70000) : -ENOMEM;
	check(r == -EMSGSIZE,
	      "a packet too big for one attribute is refused (%d)", r);
	free(big);
	ngnl_close(d);
	fclose(tfp);
	free(trace);

	return failures ? 1 : 0;
}
