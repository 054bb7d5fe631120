/** Implementation details of the aws module: not API, may change without notice. */
package io.eipfailover.aws.internal;
