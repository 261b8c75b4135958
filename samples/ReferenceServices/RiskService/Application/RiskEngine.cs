using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ReferenceServices.Contracts;

namespace RiskService.Application;

/// <summary>Amount thresholds and per-user velocity → score (0–100) and decision. REVIEW is allowed through.</summary>
public sealed class RiskEngine(IOptions<RiskRules> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _recent = new(StringComparer.Ordinal);

    public RiskAssessment Assess(string userId, decimal amount)
    {
        RiskRules rules = options.Value;
        int score = 0;
        List<string> reasons = [];
        if (amount >= rules.RejectAmount)
        {
            score += 100;
            reasons.Add($"amount >= {rules.RejectAmount}");
        }
        else if (amount >= rules.ReviewAmount)
        {
            score += 50;
            reasons.Add($"amount >= {rules.ReviewAmount}");
        }

        DateTimeOffset now = time.GetUtcNow();
        Queue<DateTimeOffset> recent = _recent.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
        int count;
        lock (recent)
        {
            while (recent.Count > 0 && now - recent.Peek() > rules.VelocityWindow)
            {
                recent.Dequeue();
            }

            recent.Enqueue(now);
            count = recent.Count;
        }

        if (count > rules.VelocityLimit)
        {
            score += 80;
            reasons.Add($"more than {rules.VelocityLimit} transactions in {rules.VelocityWindow}");
        }

        score = Math.Min(score, 100);
        string decision = score >= rules.RejectScore ? "REJECT" : score >= rules.ReviewScore ? "REVIEW" : "APPROVE";
        return new RiskAssessment(score, decision, reasons);
    }
}
