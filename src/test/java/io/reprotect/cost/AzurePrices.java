package io.reprotect.cost;

/**
 * Public list prices the cost model turns counts into money with: pay-as-you-go, US dollars, region
 * <b>East US</b>, as read on <b>2026-11-28</b>. Prices change (and differ by region, currency and agreement):
 * check the pages below before relying on a figure, and edit only this file to re-price the model.
 *
 * <p>Where the stored copy of an official page showed its amounts (most render them as "$-" without
 * JavaScript), the amount is taken from it; otherwise from the secondary source named, and marked so.
 */
public final class AzurePrices {

    private AzurePrices() {
    }

    /** Where and when. */
    public static final String REGION = "East US";
    public static final String AS_OF = "2026-11-28";

    // Azure Functions, Flex Consumption, on demand: https://azure.microsoft.com/pricing/details/functions/
    // (amounts as quoted by https://modal.com/blog/azure-function-pricing-guide, May 2025)
    /** Flex Consumption on-demand execution time, per GB-s of instance memory while executing. */
    public static final double FUNCTIONS_PER_GB_SECOND = 0.000026;
    /** Flex Consumption on-demand executions, per million. */
    public static final double FUNCTIONS_PER_MILLION_EXECUTIONS = 0.40;

    // Service Bus, Standard: https://azure.microsoft.com/pricing/details/service-bus/
    // (tiers from that page: base charge per namespace, first 13M operations a month included, then per million)
    /** Standard tier base charge per namespace and month (about $0.0135 an hour), shared by the deployment. */
    public static final double SERVICE_BUS_BASE_PER_MONTH = 10.00;
    /** Standard tier operations past the 13M a month included, per million (13M-100M band). */
    public static final double SERVICE_BUS_PER_MILLION_OPERATIONS = 0.80;

    // Storage: https://azure.microsoft.com/pricing/details/storage/blobs/ and
    // https://azure.microsoft.com/pricing/details/storage/page-blobs/ (Standard, LRS, general-purpose v2)
    /** Block blob (the job store), hot tier, LRS: write, list and create operations per 10,000. */
    public static final double JOB_STORE_WRITES_PER_10K = 0.065;
    /** Block blob (the job store), hot tier, LRS: read and all other operations per 10,000. */
    public static final double JOB_STORE_READS_PER_10K = 0.005;
    /**
     * Standard page blob operations (replica writes, snapshots, page-range reads) per 10,000, any kind: the
     * rate the page lists for Standard page blobs used as unmanaged disks. The rate it lists for page blobs
     * not attached to a VM (our replicas) was not readable in the stored copy: check it there.
     */
    public static final double PAGE_BLOB_OPERATIONS_PER_10K = 0.0005;
    /** Standard page blob (HDD) data stored, LRS, per GB-month: the replicas and their snapshots' unique pages. */
    public static final double PAGE_BLOB_PER_GB_MONTH = 0.045;

    // Managed disks: https://azure.microsoft.com/pricing/details/managed-disks/ (snapshots, Standard LRS)
    // (amount as quoted by https://c3x.dev/resources/azure/azurerm_snapshot/: "$0.05/GB-month")
    /** Incremental snapshot of a managed disk, Standard LRS, per GB-month of used (unique) data. */
    public static final double INCREMENTAL_SNAPSHOT_PER_GB_MONTH = 0.05;

    // Azure Site Recovery: https://azure.microsoft.com/pricing/details/site-recovery/
    // (amount as quoted by https://microsoftnegotiations.com/blog/azure-site-recovery-licensing-guide, reviewed
    // 2026-02-04, and https://www.eon.io/blog/azure-disaster-recovery, June 2026: "$25/month for Azure-to-Azure")
    /** ASR's licence per instance protected to Azure, per month (first 31 days free); storage is extra. */
    public static final double ASR_PER_INSTANCE_MONTH = 25.00;

    /** Azure Resource Manager calls are not billed; they are counted for the throttling budgets only. */
    public static final double ARM_PER_CALL = 0.0;
}
