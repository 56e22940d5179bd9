"""Demo course content, continued: fundraising, field safety, monitoring and evaluation.

Kept apart from ``demo_courses`` so each module stays readable; the tuples have the same shape.
"""

MORE_COURSES = [
    (
        "fundraising-from-foundations",
        "Fundraising from foundations (助成財団からの資金調達)",
        "Find the right foundation, write a clear proposal and report so that the grant is renewed.",
        ["fundraising"],
        "introductory",
        "self_paced",
        "ja",
        "2.5",
        False,
        [
            (
                "Finding the right funder",
                15,
                "Read each foundation's priorities and past grants. Apply where your work already fits, not "
                "where the money is largest.",
                "List three foundations whose recent grants resemble your work.",
            ),
            (
                "Writing the proposal",
                25,
                "State the problem with evidence, the change you expect, and how you will know. Keep the budget "
                "consistent with the activities.",
                "Write your problem statement in 100 words.",
            ),
            (
                "Reporting and renewal",
                15,
                "Report on time, honestly, including what did not work. Funders renew grants to organizations "
                "that learn.",
                "Set reminders for every report due this year.",
            ),
        ],
        [
            (
                "Where should you apply first?",
                ["Where your work fits the funder's priorities", "Wherever the grant is largest"],
                [0],
                False,
                "Fit matters more than size.",
            ),
            (
                "What belongs in a strong proposal?",
                ["Evidence of the problem", "A budget consistent with activities", "A long history of the founder"],
                [0, 1],
                True,
                "Funders look for evidence and consistency.",
            ),
            (
                "A project activity failed. What should the report say?",
                ["Nothing", "What happened and what you learned"],
                [1],
                False,
                "Honest reporting builds trust and leads to renewal.",
            ),
        ],
    ),
    (
        "safety-and-security-in-the-field",
        "Safety and security in the field (海外安全管理)",
        "Risk assessment, security plans and incident response for staff travelling to or living in fragile areas.",
        ["safety-security", "human-resources"],
        "intermediate",
        "facilitated",
        "en",
        "4.0",
        True,
        [
            (
                "Duty of care",
                15,
                "An NGO that sends staff abroad must assess risks and prepare them. Check the Ministry's travel "
                "safety information (海外安全情報) before every trip.",
                "Find the current safety level for each country where you work.",
            ),
            (
                "Risk assessment",
                25,
                "Rate threats by likelihood and impact; record the measures that reduce them and who is responsible.",
                "Complete a risk matrix for one field site.",
            ),
            (
                "The security plan",
                25,
                "A short plan covers communication, movement rules, evacuation routes and contacts. Staff must "
                "know it, not just have it.",
                "Test your emergency phone tree this month.",
            ),
            (
                "Responding to incidents",
                20,
                "Report, support the people affected, and review. Keep an incident log that protects privacy.",
                "Draft an incident report template.",
            ),
        ],
        [
            (
                "What should be checked before every trip?",
                ["The Ministry's travel safety information", "Only the weather"],
                [0],
                False,
                "Safety levels change; check before each trip.",
            ),
            (
                "What does a risk assessment rate?",
                ["Likelihood", "Impact", "The traveller's age"],
                [0, 1],
                True,
                "Risk combines likelihood and impact.",
            ),
            (
                "A security plan is effective when…",
                ["It is filed at head office", "Staff know and practise it"],
                [1],
                False,
                "Practice makes the plan work in a crisis.",
            ),
        ],
    ),
    (
        "monitoring-and-evaluation-essentials",
        "Monitoring and evaluation essentials (モニタリング・評価の基礎)",
        "Choose indicators, collect data responsibly and use findings to improve your programmes.",
        ["monitoring-evaluation"],
        "intermediate",
        "self_paced",
        "en",
        "3.5",
        False,
        [
            (
                "Indicators that matter",
                20,
                "Good indicators are specific, measurable and cheap enough to collect. Fewer, better indicators "
                "beat long lists nobody updates.",
                "Cut your indicator list to the five you actually use.",
            ),
            (
                "Collecting data responsibly",
                20,
                "Ask for consent, collect only what you need and store it securely. Disaggregate by gender and "
                "age where it informs decisions.",
                "Review your consent form with a colleague.",
            ),
            (
                "Baselines and targets",
                20,
                "Without a baseline you cannot show change. Set targets with partners and revisit them yearly.",
                "Find or plan the baseline for your main indicator.",
            ),
            (
                "Learning from findings",
                15,
                "Hold a short learning session after each data round: what surprised us, what will we change?",
                "Schedule your next learning session.",
            ),
            (
                "Sharing results",
                15,
                "Share results with the communities you work with, not only with donors.",
                "Plan how you will share this year's results locally.",
            ),
        ],
        [
            (
                "Why is a baseline needed?",
                ["To show change over time", "Donors require long reports"],
                [0],
                False,
                "Change is measured against the starting point.",
            ),
            (
                "Which are principles of responsible data collection?",
                ["Informed consent", "Collect only what you need", "Keep data forever just in case"],
                [0, 1],
                True,
                "Minimise and protect personal data.",
            ),
            (
                "Who should hear the results?",
                ["Only donors", "Communities and donors"],
                [1],
                False,
                "Communities have a right to know and can help interpret results.",
            ),
        ],
    ),
]
