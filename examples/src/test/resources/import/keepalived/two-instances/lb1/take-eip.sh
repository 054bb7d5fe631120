#!/bin/sh
# take-eip.sh ALLOCATION-ID PRIVATE-IP: associate an EIP with this instance's ENI
ENI=eni-0d0d0d0d0d0d0d0d1
REGION=ap-southeast-2
aws ec2 associate-address --region "$REGION" --allocation-id "$1" --network-interface-id "$ENI" \
    --private-ip-address "$2" --allow-reassociation
