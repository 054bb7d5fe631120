#!/bin/bash
# keepalived notify_master: take the site's Elastic IP onto this node.
EIP=198.51.100.7
ALLOC=eipalloc-0a0a0a0a0a0a0a0a0
ENI=eni-0b1b2b3b4b5b6b7b2
IP=10.0.32.11
ip address add $IP/20 dev ens5 || true
logger -t keepalived "MASTER: associating $EIP with $ENI/$IP"
aws --region us-east-1 ec2 associate-address --allocation-id $ALLOC --network-interface-id $ENI \
    --private-ip-address $IP --allow-reassociation >> /var/log/keepalived-eip.log 2>&1
