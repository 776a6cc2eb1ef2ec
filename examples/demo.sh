#!/usr/bin/env bash
# elbctl demo: runs real elbctl commands against a local AWS emulator (moto_server) — no AWS
# account needed. Starts the emulator on a free loopback port, builds a small network in it,
# then creates an application and a network load balancer with target groups, targets,
# listeners, routing rules and cross-zone settings, and shows what elbctl prints.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v moto_server >/dev/null 2>&1; then
  echo "moto_server (the local AWS emulator) is not installed: pip install 'moto[server]>=5'" >&2
  exit 1
fi

port=$(node examples/demo/free-port.js)
log=$(mktemp)
moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
moto_pid=$!
cleanup() { kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT

export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo
export ELBCTL_ENDPOINT_URL="http://127.0.0.1:$port"
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
export ELBCTL_OUTPUT=table

for _ in $(seq 1 100); do
  node -e "fetch(process.argv[1], { method: 'POST' }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" \
    "$ELBCTL_ENDPOINT_URL/moto-api/reset" && break
  sleep 0.1
done

bold=$'\e[1m'; reset=$'\e[0m'
[ -t 1 ] || { bold=''; reset=''; }
step() { printf '\n%s# %s%s\n' "$bold" "$*" "$reset"; }
elbctl() { printf '%s$ elbctl %s%s\n' "$bold" "$*" "$reset"; node bin/elbctl "$@"; }

step "a local emulator is running on $ELBCTL_ENDPOINT_URL; creating a VPC, two subnets and two instances in it"
eval "$(node examples/demo/seed-network.js)"
echo "VPC $VPC, subnets $SUBNET1 $SUBNET2, instances $I1 $I2"

step "an application load balancer in two zones, and a network load balancer"
elbctl lb create demo-alb --type application --subnets "$SUBNET1,$SUBNET2" --security-groups "$SG"
elbctl lb create demo-nlb --type network --subnets "$SUBNET1,$SUBNET2"

step "target groups with health checks"
elbctl tg create web --protocol HTTP --port 80 --vpc "$VPC" --health-path /healthz
elbctl tg create api --protocol HTTP --port 8080 --vpc "$VPC" --health-path /api/health --matcher 200-299
elbctl tg create tcp-pool --protocol TCP --port 443 --vpc "$VPC"

step "register the instances"
elbctl targets register web "$I1" "$I2"
elbctl targets register api "$I1:8080" "$I2:8080"
elbctl targets register tcp-pool "$I1" "$I2"

step "listeners: HTTP on the ALB forwarding to web, TCP on the NLB"
elbctl listener create demo-alb --protocol HTTP --port 80 --forward web
elbctl listener create demo-nlb --protocol TCP --port 443 --forward tcp-pool

step "routing rules; priorities are chosen automatically (next free after the last rule)"
elbctl rule add demo-alb:80 --path '/api/*' --forward api
elbctl rule add demo-alb:80 --host admin.example.com --fixed-response '403:admins only'
elbctl rule list demo-alb:80

step "cross-zone: on for the NLB; on an ALB it is always on, and elbctl explains why it refuses"
elbctl lb cross-zone demo-nlb on -y
elbctl lb cross-zone demo-alb on || echo "(exit $?: refused, nothing was changed)"
elbctl tg cross-zone api off -y

step "change it in place: each change is shown before it is made, and every ARN stays"
elbctl tg modify api --health-path /ready --health-interval 10 --health-timeout 5 -y
elbctl listener modify demo-alb:80 --forward web=90,api=10 --dry-run
elbctl rule modify demo-alb:80:1 --path '/api/*' --path '/v2/*' -y
elbctl tags add demo-alb env=demo team=platform -y
elbctl tags list demo-alb

step "what exists now"
elbctl lb list
elbctl tg list
elbctl targets health web

step "invalid input never reaches AWS"
elbctl tg create web_v2 --protocol HTTP --port 80 --vpc "$VPC" || echo "(exit $?)"

step "clean up: deletes ask first on a terminal; -y approves in scripts"
elbctl lb delete demo-alb -y
elbctl lb delete demo-nlb -y
for tg in web api tcp-pool; do elbctl tg delete "$tg" -y; done

step "the same, declared: a stack file from examples/ (IDs swapped for the emulator's)"
stack=$(mktemp --suffix=.yaml)
sed -e "s/subnet-0123456789abcdef0/$SUBNET1/g; s/subnet-0123456789abcdef1/$SUBNET2/g" \
    -e "s/vpc-0123456789abcdef0/$VPC/g; s/sg-0123456789abcdef0/$SG/g" \
    -e "s/i-0123456789abcdef0/$I1/g; s/i-0123456789abcdef1/$I2/g" \
    -e "s#arn:aws:acm:[a-z0-9-]*:[0-9]*:certificate/[0-9a-f-]*#$CERT#g" \
    examples/alb-path-routing.yaml > "$stack"
trap 'rm -f "$stack"; cleanup' EXIT
elbctl validate -f "$stack"
elbctl plan -f "$stack"
elbctl apply -f "$stack" -y
step "apply again: nothing to do, no AWS write"
elbctl apply -f "$stack" -y
elbctl rule list shop-web:443
step "destroy deletes only what the stack owns (by its elbctl:stack tag)"
elbctl destroy -f "$stack" -y
elbctl lb list

step "done: the emulator stops now; nothing was created in any AWS account"
