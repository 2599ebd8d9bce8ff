/**
 * Texts of CTS TBSC094-2026 (B/0), 企业质量信用服务认证技术规范, in Chinese (verbatim from the
 * standard, /work/shared/spec/000_66dc2ecdbe3e94a7.txt) and English (translation).
 * Data only. Generated from the source text; edit with care to keep the Chinese character-exact.
 */
import { Text } from "./types";

export const TITLE: Text = { zh: "企业质量信用服务认证技术规范", en: "Technical Specification for Enterprise Quality Credit Service Certification" };

/** Appendix 1 服务特性指标 (service characteristics), keys "1" … "7". */
export const CHARACTERISTIC_NAMES: Record<string, Text> = {
  "1": { zh: "功能性", en: "Functionality" },
  "2": { zh: "安全性", en: "Safety" },
  "3": { zh: "时间性", en: "Timeliness" },
  "4": { zh: "舒适性", en: "Comfort" },
  "5": { zh: "经济性", en: "Economy" },
  "6": { zh: "文明性", en: "Civility" },
  "7": { zh: "服务规范", en: "Service specification" },
};

/** Appendix 1 服务过程质量指标 (service process quality indicators). */
export const DIMENSION_NAMES: Record<"personnel" | "equipment" | "environment" | "specification", Text> = {
  personnel: { zh: "人员", en: "Personnel" },
  equipment: { zh: "设备设施", en: "Equipment and facilities" },
  environment: { zh: "环境", en: "Environment" },
  specification: { zh: "制定服务规范", en: "Establishing service specifications" },
};

/** Appendix 1 评价内容 (evaluation content) of each item, keys "1.1" … "6.3", "7.1". */
export const ITEM_CRITERIA: Record<string, Text> = {
  "1.1": { zh: "企业质量信用服务人员必须具备准确、完整地履行其岗位核心职责的能力。", en: "Enterprise quality credit service personnel must be capable of performing the core duties of their positions accurately and completely." },
  "1.2": { zh: "设备设施的种类、数量、性能和技术参数必须精准匹配企业质量信用服务内容的核心功能需求，确保企业质量信用服务能够被完整、有效地提供。", en: "The types, quantity, performance and technical parameters of equipment and facilities must precisely match the core functional needs of the enterprise quality credit service content, so that the enterprise quality credit service can be provided completely and effectively." },
  "1.3": { zh: "空间规划、动线设计和区域划分必须高效支持核心企业质量信用服务流程与各类活动需求，实现空间用途明确、流线清晰、互不干扰。", en: "Space planning, circulation design and zoning must efficiently support the core enterprise quality credit service processes and all activity needs, so that each space has a clear purpose, circulation routes are clear and areas do not interfere with each other." },
  "2.1": { zh: "企业质量信用服务人员的行为、操作和专业知识必须能够预防和消除企业质量信用服务过程中可能对顾客造成的身心伤害与风险。", en: "The conduct, operations and professional knowledge of enterprise quality credit service personnel must be able to prevent and eliminate physical and psychological harm and risks to customers during the enterprise quality credit service process." },
  "2.2": { zh: "设备设施在设计、安装、运行和维护的全生命周期内，必须符合国家强制性安全标准，能够主动预防或有效应对物理、电气、化学等各类风险，保障使用者与操作者的人身安全。", en: "Throughout their whole life cycle of design, installation, operation and maintenance, equipment and facilities must comply with mandatory national safety standards and be able to proactively prevent or effectively respond to physical, electrical, chemical and other risks, protecting the personal safety of users and operators." },
  "2.3": { zh: "环境本身及其中所有元素必须主动规避物理、化学和生物风险，具备有效地防护和应急能力，为顾客和员工提供基础的人身安全保障。", en: "The environment itself and every element in it must proactively avoid physical, chemical and biological risks and have effective protection and emergency capability, providing basic personal safety for customers and staff." },
  "3.1": { zh: "企业质量信用服务人员提供企业质量信用服务必须及时、准时、省时，满足企业质量信用服务流程和顾客的合理时间预期。", en: "Enterprise quality credit service personnel must provide the enterprise quality credit service promptly, punctually and time-efficiently, meeting the enterprise quality credit service process and customers' reasonable time expectations." },
  "3.2": { zh: "设备设施应具备良好的可用性、可靠性和响应速度，能支持企业质量信用服务在承诺的时间内及时、稳定地交付，减少因设备故障或效率低下导致的等待。", en: "Equipment and facilities should have good availability, reliability and response speed, support timely and stable delivery of the enterprise quality credit service within the promised time, and reduce waiting caused by equipment failure or low efficiency." },
  "3.3": { zh: "环境的设计与管理应有助于提高企业质量信用服务效率，减少顾客不必要的移动、等待和寻找时间，确保企业质量信用服务流程顺畅、及时。", en: "The design and management of the environment should help improve enterprise quality credit service efficiency, reduce customers' unnecessary movement, waiting and searching time, and ensure that the enterprise quality credit service process is smooth and timely." },
  "4.1": { zh: "企业质量信用服务人员通过其态度、技巧和环境营造，使顾客在服务过程中感到轻松、愉悦和受尊重。", en: "Through their attitude, skills and the atmosphere they create, enterprise quality credit service personnel make customers feel relaxed, pleased and respected during the service process." },
  "4.2": { zh: "设备设施的设计与运行应从人体工学、感官体验出发，为顾客创造便捷、轻松、愉悦的物理环境，提升企业质量信用服务过程的享受感。", en: "The design and operation of equipment and facilities should start from ergonomics and sensory experience, creating a convenient, relaxed and pleasant physical environment for customers and enhancing their enjoyment of the enterprise quality credit service process." },
  "4.3": { zh: "通过综合调控声、光、热、气、色等环境物理参数，并融入美学设计，创造令人感到轻松、愉悦、安宁的感官体验。", en: "By jointly regulating physical environmental parameters such as sound, light, heat, air and colour, and incorporating aesthetic design, create a sensory experience that makes people feel relaxed, pleased and at peace." },
  "5.1": { zh: "企业质量信用服务人员应在保证企业质量信用服务质量的前提下，通过专业和高效的工作，为机构和顾客节约成本、减少浪费。", en: "While ensuring enterprise quality credit service quality, enterprise quality credit service personnel should save costs and reduce waste for the organization and customers through professional and efficient work." },
  "5.2": { zh: "在满足功能、安全和舒适的前提下，设备设施应追求全生命周期成本最优，即初始投资合理、运行能耗低、维护成本可控、使用寿命长，体现资源节约和可持续运营理念。", en: "While meeting functional, safety and comfort requirements, equipment and facilities should aim for the optimal whole-life-cycle cost, i.e. reasonable initial investment, low operating energy consumption, controllable maintenance costs and long service life, reflecting resource conservation and sustainable operation." },
  "5.3": { zh: "在满足功能与舒适的前提下，环境的建造与运营应注重全生命周期成本控制，通过合理设计和高效管理实现节能、节水、节材，降低长期运维费用", en: "While meeting functional and comfort requirements, the construction and operation of the environment should focus on whole-life-cycle cost control, achieving energy, water and material savings through sound design and efficient management and reducing long-term operation and maintenance costs" },
  "6.1": { zh: "企业质量信用服务人员的仪表、言谈举止应体现较高的职业道德和文化修养，营造尊重、友好的服务氛围。", en: "The appearance, speech and manners of enterprise quality credit service personnel should reflect high professional ethics and cultural refinement, creating a respectful and friendly service atmosphere." },
  "6.2": { zh: "设备设施的选型、布置和维护状态应体现对使用者的人文关怀、文化品位和社会责任，传递尊重、友好和先进的价值观。", en: "The selection, layout and maintenance condition of equipment and facilities should reflect humane care for users, cultural taste and social responsibility, conveying respectful, friendly and progressive values." },
  "6.3": { zh: "环境应体现对顾客的尊重、对文化的传承和对社会的责任，传递平等、友善、高尚的价值观，成为机构品牌文化的物质载体。", en: "The environment should reflect respect for customers, the passing on of culture and responsibility to society, convey values of equality, friendliness and nobility, and serve as a physical carrier of the organization's brand culture." },
  "7.1": { zh: "制定接待、受理企业质量信用服务要求规范、企业质量信用服务组织与实施要求规范、企业质量信用服务验收与结算要求规范、企业质量信用服务售后服务要求规范", en: "Establish requirement specifications for reception and acceptance of the enterprise quality credit service, for enterprise quality credit service organization and implementation, for enterprise quality credit service acceptance and settlement, and for enterprise quality credit service after-sales service" },
};

/** Appendix 3 group names (管理要求), keys "1" … "7". */
export const GROUP_NAMES: Record<string, Text> = {
  "1": { zh: "组织所处环境", en: "Context of the organization" },
  "2": { zh: "领导作用", en: "Leadership" },
  "3": { zh: "策划", en: "Planning" },
  "4": { zh: "支持", en: "Support" },
  "5": { zh: "运行", en: "Operation" },
  "6": { zh: "绩效评价", en: "Performance evaluation" },
  "7": { zh: "改进", en: "Improvement" },
};

/**
 * Appendix 2 (maturity level descriptions), keys "1" … "7", index 0 = 第一级 … 4 = 第五级.
 * The source prints Appendix 2 as a flattened table: each cell is copied exactly as printed in that
 * group's row. Group 1 cells all begin with ①, group 2 with ②; for groups 3–7 level 1 has ② and
 * levels 2–5 have ③, and level 5's ③ text repeats level 4's ③ verbatim in the source.
 * Nothing here is invented or "fixed".
 */
export const GROUP_LEVEL_TEXTS: Record<string, [Text, Text, Text, Text, Text]> = {
  "1": [
    { zh: "① 服务认证管理处于萌芽状态，缺乏系统化和标准化的管理过程。服务质量和客户满意度往往依赖于个别员工的个人技能和经验。", en: "① Service certification management is at an embryonic stage, lacking systematic and standardized management processes. Service quality and customer satisfaction often depend on the personal skills and experience of individual employees." },
    { zh: "① 组织开始意识到服务认证的重要性，并初步建立了服务认证管理的基本框架。", en: "① The organization begins to recognize the importance of service certification and has initially established a basic framework for service certification management." },
    { zh: "① 在这一级，服务认证管理已经相对规范，形成了完整的管理体系和流程。", en: "① At this level, service certification management is already relatively standardized, with a complete management system and processes in place." },
    { zh: "① 服务认证管理达到了较高的成熟度，组织能够持续优化和改进服务流程和质量。引入先进的服务认证技术和工具，提高服务效率和准确性。通过数据分析和客户反馈，精准识别服务中的瓶颈和改进点，并制定针对性地改进措施。", en: "① Service certification management has reached a high level of maturity; the organization is able to continually optimize and improve service processes and quality. Advanced service certification techniques and tools are introduced to improve service efficiency and accuracy. Through data analysis and customer feedback, bottlenecks and points for improvement in the service are precisely identified and targeted improvement measures are developed." },
    { zh: "① 服务认证管理达到行业领先水平，组织在服务质量和认证管理方面具有显著优势。", en: "① Service certification management reaches an industry-leading level; the organization has significant advantages in service quality and certification management." },
  ],
  "2": [
    { zh: "② 组织对于服务认证的需求和重要性缺乏充分的认识，可能仅有基础的服务标准和服务提供，但未形成完整的服务认证管理体系。", en: "② The organization lacks adequate awareness of the need for and importance of service certification; it may have only basic service standards and service provision, but has not formed a complete service certification management system." },
    { zh: "② 制定了基本的服务标准和操作流程，并开始进行服务的标准化管理。开始注重客户反馈，并进行初步的服务质量监控。", en: "② Basic service standards and operating procedures have been established, and standardized management of services has begun. The organization begins to pay attention to customer feedback and carries out preliminary monitoring of service quality." },
    { zh: "② 组织制定了详细的服务标准和认证要求，并建立了完善的认证流程，确保服务的一致性和高质量。", en: "② The organization has established detailed service standards and certification requirements and a well-developed certification process, ensuring consistent, high-quality service." },
    { zh: "② 组织具备快速响应市场变化和客户需求的能力，能够提供个性化、高附加值的服务。", en: "② The organization is able to respond quickly to market changes and customer needs and can provide personalized, high-value-added services." },
    { zh: "② 组织不仅完全遵循服务标准和认证要求，还能够通过创新和引领行业发展趋势，树立行业标杆。", en: "② The organization not only fully complies with service standards and certification requirements, but also sets industry benchmarks through innovation and by leading industry development trends." },
  ],
  "3": [
    { zh: "② 组织对于服务认证的需求和重要性缺乏充分的认识，可能仅有基础的服务标准和服务提供，但未形成完整的服务认证管理体系。", en: "② The organization lacks adequate awareness of the need for and importance of service certification; it may have only basic service standards and service provision, but has not formed a complete service certification management system." },
    { zh: "③ 但管理过程可能仍存在一定的随意性和不规范性，需要进一步完善和优化。", en: "③ However, management processes may still be somewhat arbitrary and non-standard, and need further improvement and optimization." },
    { zh: "③ 服务质量监控和评估机制得到加强，能够及时发现和解决问题，提升客户满意度。", en: "③ Service quality monitoring and evaluation mechanisms are strengthened, so that problems can be found and solved promptly and customer satisfaction is improved." },
    { zh: "③ 具备强大的服务能力和资源，能够为客户提供卓越的服务体验，并在市场竞争中保持领先地位。", en: "③ The organization has strong service capability and resources, can provide customers with an excellent service experience, and maintains a leading position in market competition." },
    { zh: "③ 具备强大的服务能力和资源，能够为客户提供卓越的服务体验，并在市场竞争中保持领先地位。", en: "③ The organization has strong service capability and resources, can provide customers with an excellent service experience, and maintains a leading position in market competition." },
  ],
  "4": [
    { zh: "② 组织对于服务认证的需求和重要性缺乏充分的认识，可能仅有基础的服务标准和服务提供，但未形成完整的服务认证管理体系。", en: "② The organization lacks adequate awareness of the need for and importance of service certification; it may have only basic service standards and service provision, but has not formed a complete service certification management system." },
    { zh: "③ 但管理过程可能仍存在一定的随意性和不规范性，需要进一步完善和优化。", en: "③ However, management processes may still be somewhat arbitrary and non-standard, and need further improvement and optimization." },
    { zh: "③ 服务质量监控和评估机制得到加强，能够及时发现和解决问题，提升客户满意度。", en: "③ Service quality monitoring and evaluation mechanisms are strengthened, so that problems can be found and solved promptly and customer satisfaction is improved." },
    { zh: "③ 具备强大的服务能力和资源，能够为客户提供卓越的服务体验，并在市场竞争中保持领先地位。", en: "③ The organization has strong service capability and resources, can provide customers with an excellent service experience, and maintains a leading position in market competition." },
    { zh: "③ 具备强大的服务能力和资源，能够为客户提供卓越的服务体验，并在市场竞争中保持领先地位。", en: "③ The organization has strong service capability and resources, can provide customers with an excellent service experience, and maintains a leading position in market competition." },
  ],
  "5": [
    { zh: "② 组织对于服务认证的需求和重要性缺乏充分的认识，可能仅有基础的服务标准和服务提供，但未形成完整的服务认证管理体系。", en: "② The organization lacks adequate awareness of the need for and importance of service certification; it may have only basic service standards and service provision, but has not formed a complete service certification management system." },
    { zh: "③ 但管理过程可能仍存在一定的随意性和不规范性，需要进一步完善和优化。", en: "③ However, management processes may still be somewhat arbitrary and non-standard, and need further improvement and optimization." },
    { zh: "③ 服务质量监控和评估机制得到加强，能够及时发现和解决问题，提升客户满意度。", en: "③ Service quality monitoring and evaluation mechanisms are strengthened, so that problems can be found and solved promptly and customer satisfaction is improved." },
    { zh: "③ 具备强大的服务能力和资源，能够为客户提供卓越的服务体验，并在市场竞争中保持领先地位。", en: "③ The organization has strong service capability and resources, can provide customers with an excellent service experience, and maintains a leading position in market competition." },
    { zh: "③ 具备强大的服务能力和资源，能够为客户提供卓越的服务体验，并在市场竞争中保持领先地位。", en: "③ The organization has strong service capability and resources, can provide customers with an excellent service experience, and maintains a leading position in market competition." },
  ],
  "6": [
    { zh: "② 组织对于服务认证的需求和重要性缺乏充分的认识，可能仅有基础的服务标准和服务提供，但未形成完整的服务认证管理体系。", en: "② The organization lacks adequate awareness of the need for and importance of service certification; it may have only basic service standards and service provision, but has not formed a complete service certification management system." },
    { zh: "③ 但管理过程可能仍存在一定的随意性和不规范性，需要进一步完善和优化。", en: "③ However, management processes may still be somewhat arbitrary and non-standard, and need further improvement and optimization." },
    { zh: "③ 服务质量监控和评估机制得到加强，能够及时发现和解决问题，提升客户满意度。", en: "③ Service quality monitoring and evaluation mechanisms are strengthened, so that problems can be found and solved promptly and customer satisfaction is improved." },
    { zh: "③ 具备强大的服务能力和资源，能够为客户提供卓越的服务体验，并在市场竞争中保持领先地位。", en: "③ The organization has strong service capability and resources, can provide customers with an excellent service experience, and maintains a leading position in market competition." },
    { zh: "③ 具备强大的服务能力和资源，能够为客户提供卓越的服务体验，并在市场竞争中保持领先地位。", en: "③ The organization has strong service capability and resources, can provide customers with an excellent service experience, and maintains a leading position in market competition." },
  ],
  "7": [
    { zh: "② 组织对于服务认证的需求和重要性缺乏充分的认识，可能仅有基础的服务标准和服务提供，但未形成完整的服务认证管理体系。", en: "② The organization lacks adequate awareness of the need for and importance of service certification; it may have only basic service standards and service provision, but has not formed a complete service certification management system." },
    { zh: "③ 但管理过程可能仍存在一定的随意性和不规范性，需要进一步完善和优化。", en: "③ However, management processes may still be somewhat arbitrary and non-standard, and need further improvement and optimization." },
    { zh: "③ 服务质量监控和评估机制得到加强，能够及时发现和解决问题，提升客户满意度。", en: "③ Service quality monitoring and evaluation mechanisms are strengthened, so that problems can be found and solved promptly and customer satisfaction is improved." },
    { zh: "③ 具备强大的服务能力和资源，能够为客户提供卓越的服务体验，并在市场竞争中保持领先地位。", en: "③ The organization has strong service capability and resources, can provide customers with an excellent service experience, and maintains a leading position in market competition." },
    { zh: "③ 具备强大的服务能力和资源，能够为客户提供卓越的服务体验，并在市场竞争中保持领先地位。", en: "③ The organization has strong service capability and resources, can provide customers with an excellent service experience, and maintains a leading position in market competition." },
  ],
};

/** Appendix 3 clause titles (Appendix 3 numbering, used for scoring). */
export const CLAUSE_TITLES: Record<string, Text> = {
  "1.1": { zh: "理解组织及其所处的环境", en: "Understanding the organization and its context" },
  "1.2": { zh: "理解相关方的需求和期望", en: "Understanding the needs and expectations of interested parties" },
  "1.3": { zh: "确定服务管理的范围", en: "Determining the scope of service management" },
  "1.4": { zh: "服务管理体系", en: "Service management system" },
  "2.1": { zh: "领导的作用和承诺", en: "Leadership role and commitment" },
  "2.2": { zh: "方针", en: "Policy" },
  "2.3": { zh: "职责和权限", en: "Responsibilities and authorities" },
  "3.1": { zh: "风险策划", en: "Risk planning" },
  "3.2": { zh: "目标及实现目标的策划", en: "Objectives and planning to achieve them" },
  "4.1": { zh: "资源", en: "Resources" },
  "4.2": { zh: "能力", en: "Competence" },
  "4.3": { zh: "意识", en: "Awareness" },
  "4.4": { zh: "信息交流", en: "Communication" },
  "4.5": { zh: "文件化信息", en: "Documented information" },
  "5.1": { zh: "运行策划和控制", en: "Operational planning and control" },
  "5.2": { zh: "应急准备及响应", en: "Emergency preparedness and response" },
  "6.1": { zh: "监视、测量、分析和评价", en: "Monitoring, measurement, analysis and evaluation" },
  "6.2": { zh: "内审", en: "Internal audit" },
  "6.3": { zh: "管理评审", en: "Management review" },
  "7.1": { zh: "争议、投诉、不符合和纠正措施", en: "Disputes, complaints, nonconformity and corrective action" },
  "7.2": { zh: "持续改进", en: "Continual improvement" },
};

/**
 * Appendix 4 requirement text of each clause (what the auditor checks), keyed by Appendix 3 numbering.
 * One line per paragraph or list entry, joined with "\n"; list bullets and markdown links removed.
 * Appendix 4 numbers the operation clauses 5.2 运行策划和控制 (under a stray "5.2." heading) and
 * 5.3 应急准备和响应; here they are keys "5.1" and "5.2" as in Appendix 3.
 */
export const CLAUSE_AUDIT: Record<string, Text> = {
  "1.1": { zh: "组织应确定影响企业质量信用服务管理的内部因素和外部因素。", en: "The organization shall determine the internal and external factors that affect enterprise quality credit service management." },
  "1.2": { zh: "组织应确定：\n1) 与企业质量信用服务管理的相关方；\n2) 识别企业质量信用服务管理对相关方的要求。", en: "The organization shall determine:\n1) the interested parties relevant to enterprise quality credit service management;\n2) identify the requirements of enterprise quality credit service management with respect to the interested parties." },
  "1.3": { zh: "组织应确定企业质量信用服务管理的边界和实用性加以说明。确定范围时组织应考虑：\n1) 1.1 理解组织及其所处环境中提及的内外部因素；\n2) 组织单元、职能和物理边界；", en: "The organization shall determine the boundaries and applicability of enterprise quality credit service management and state them. When determining the scope, the organization shall consider:\n1) the internal and external factors referred to in 1.1 Understanding the organization and its context;\n2) organizational units, functions and physical boundaries;" },
  "1.4": { zh: "1) 应在质量管理体系的基础上建立企业质量信用服务管理；\n2) 相关手册、程序文件在质量管理体系手册和程序文件的基础上补充。", en: "1) Enterprise quality credit service management shall be established on the basis of the quality management system;\n2) Related manuals and procedure documents are supplemented on the basis of the quality management system manual and procedure documents." },
  "2.1": { zh: "最高管理者应通过下述方面证实其在企业质量信用服务认证方面的领导作用和承诺\n1) 对企业质量信用服务认证的有效性负责；\n2) 确保建立方针和目标；\n3) 确保可获得所需的资源；\n4) 就有效企业质量信用服务管理的重要性和符合企业质量信用服务认证要求的重要性进行沟通\n5) 确保实现其预期结果；\n6) 指导并支持员工对体系的有效性做出贡献；\n7) 促进持续改进；\n8) 支持其他相关管理人员在其职责范围内证实其领导作用。", en: "Top management shall demonstrate its leadership and commitment with respect to enterprise quality credit service certification by the following\n1) taking responsibility for the effectiveness of enterprise quality credit service certification;\n2) ensuring that the policy and objectives are established;\n3) ensuring that the resources needed are available;\n4) communicating the importance of effective enterprise quality credit service management and of conforming to the enterprise quality credit service certification requirements\n5) ensuring that it achieves its intended results;\n6) directing and supporting staff to contribute to the effectiveness of the system;\n7) promoting continual improvement;\n8) supporting other relevant management staff to demonstrate their leadership within their areas of responsibility." },
  "2.2": { zh: "最高管理者应在界定的企业质量信用服务认证范围内建立、实施并保持方针，方针应：\n1) 适合于组织的宗旨和所处的环境，包括其活动、产品和服务的性质、规模和环境影响\n2) 为制定目标提供框架；\n3) 包括承诺，包含有关的特定承诺；\n4) 包括持续改进管理体系以提升绩效的承诺；\n5) 方针应：\n① 以文件化信息的形式予以保持；\n② 在组织内得到沟通；\n③ 可为相关方获取。", en: "Top management shall establish, implement and maintain a policy within the defined scope of enterprise quality credit service certification. The policy shall:\n1) be appropriate to the purpose and context of the organization, including the nature, scale and environmental impacts of its activities, products and services\n2) provide a framework for setting objectives;\n3) include commitments, including relevant specific commitments;\n4) include a commitment to continual improvement of the management system to enhance performance;\n5) The policy shall:\n① be maintained as documented information;\n② be communicated within the organization;\n③ be available to interested parties." },
  "2.3": { zh: "最高管理者应确保在组织内部分配相关角色的职责和权限。最高管理者应对下列事项分配职责和权限：\n1) 确保企业质量信用服务认证符合本文件的要求；\n2) 向最高管理者报告管理体系的绩效，包括企业质量信用服务的绩效。", en: "Top management shall ensure that the responsibilities and authorities for relevant roles are assigned within the organization. Top management shall assign the responsibility and authority for:\n1) ensuring that enterprise quality credit service certification conforms to the requirements of this document;\n2) reporting on the performance of the management system, including enterprise quality credit service performance, to top management." },
  "3.1": { zh: "3.1.1. 一般要求\n组织应建立、实施并保持满足3.1. 风险策划的要求所需的过程。策划企业质量信用服务认证时，组织应考虑：\n1) 1.1 理解组织及其所处环境所提及的问题；\n2) 1.2 理解相关方的需求和期望组织应确定所提及的要求；\n3) 其企业质量信用服务认证的范围。\n3.1.2. 企业质量信用服务因素\n组织应确定能够控制和能够施加影响的企业质量信用服务因素及其相关的影响。确定企业质量信用服务因素时，必须考虑：\n1) 变更。\n2) 特殊或紧急情况。\n3) 服务中断或意外事件的响应和服务补救措施\n3.1.3. 措施的策划\n1) 组织应策划的内容包括但不限于：\n① 重要的企业质量信用服务因素；\n② 3.1. 风险策划识别的风险\n2) 体现方法\n① 在管理过程中（3.2. 目标及实现目标的策划、第 4 章 支持、第 5 章 运行、6.1. 监视、测量、分析和评价）等过程中融入并实施；\n② 评价措施的有效性。", en: "3.1.1. General requirements\nThe organization shall establish, implement and maintain the processes needed to meet the requirements of 3.1. Risk planning. When planning enterprise quality credit service certification, the organization shall consider:\n1) the issues referred to in 1.1 Understanding the organization and its context;\n2) the requirements referred to in 1.2 Understanding the needs and expectations of interested parties;\n3) the scope of its enterprise quality credit service certification.\n3.1.2. Enterprise quality credit service factors\nThe organization shall determine the enterprise quality credit service factors that it can control and that it can influence, and their associated impacts. When determining enterprise quality credit service factors, it must consider:\n1) changes.\n2) special or emergency situations.\n3) response to service interruptions or incidents, and service recovery measures\n3.1.3. Planning of actions\n1) What the organization shall plan includes but is not limited to:\n① significant enterprise quality credit service factors;\n② the risks identified in 3.1. Risk planning\n2) How it is put into practice\n① integrate and implement the actions in the management processes (3.2. Objectives and planning to achieve them, Chapter 4 Support, Chapter 5 Operation, 6.1. Monitoring, measurement, analysis and evaluation) and other processes;\n② evaluate the effectiveness of the actions." },
  "3.2": { zh: "3.2.1. 目标\n组织应针对其相关职能和层次建立目标，并保持其文件化信息。\n1) 目标应与方针一致；\n2) 可评测度量；\n3) 进行有效地监视；\n4) 有沟通；\n5) 更新。\n3.2.2. 实现目标的策划组织应确定：\n1) 工作内容；\n2) 所需资源；\n3) 确定负责人；\n4) 确定完成时间。\n5) 确定成果的评价方法。", en: "3.2.1. Objectives\nThe organization shall establish objectives at relevant functions and levels and maintain documented information on them.\n1) Objectives shall be consistent with the policy;\n2) measurable;\n3) effectively monitored;\n4) communicated;\n5) updated.\n3.2.2. Planning to achieve objectives\nThe organization shall determine:\n1) the work to be done;\n2) the resources required;\n3) who will be responsible;\n4) when it will be completed.\n5) how the results will be evaluated." },
  "4.1": { zh: "组织应确定建立、实施、保持和持续改进体系所需要的资源。", en: "The organization shall determine the resources needed for the establishment, implementation, maintenance and continual improvement of the system." },
  "4.2": { zh: "组织应：\n1) 确定人员应具备的能力；\n2) 确保人员胜任（依据教育、培训或工作经历）；\n3) 确保人员持续胜任；\n4) 确定必要的培训。", en: "The organization shall:\n1) determine the competence that persons shall have;\n2) ensure that persons are competent (on the basis of education, training or work experience);\n3) ensure that persons remain competent;\n4) determine the training needed." },
  "4.3": { zh: "组织应确认企业质量信用服务相关的人员理解：\n1) 方针；\n2) 与其相关的企业质量信用服务因素及其影响；\n3) 对企业质量信用服务认证的贡献；\n4) 不符合要求的后果。", en: "The organization shall confirm that persons involved in enterprise quality credit service understand:\n1) the policy;\n2) the enterprise quality credit service factors relevant to them and their impacts;\n3) their contribution to enterprise quality credit service certification;\n4) the consequences of not conforming to requirements." },
  "4.4": { zh: "4.4.1. 组织应建立、实施、保持企业质量信用服务认证有关的信息交流过程：\n1) 内容；\n2) 时机；\n3) 对象；\n4) 方式方法。\n4.4.2. 组织应有效控制管理内部信息交流和外部信息交流。", en: "4.4.1. The organization shall establish, implement and maintain the communication processes relevant to enterprise quality credit service certification:\n1) content;\n2) timing;\n3) with whom;\n4) methods and means.\n4.4.2. The organization shall effectively control and manage internal communication and external communication." },
  "4.5": { zh: "组织的企业质量信用服务认证应包括：\n1) 本文件要求的文件化信息。\n2) 组织确定的实现体系有效性所必需的文件化信息。", en: "The organization's enterprise quality credit service certification shall include:\n1) documented information required by this document.\n2) documented information determined by the organization as being necessary for the effectiveness of the system." },
  "5.1": { zh: "组织应建立、实施、控制并保持满足体系要求，以及实施 3.1. 风险策划 和 3.2. 目标及实现目标的策划\n1) 所识别的措施所\n2) 需要的过程，通过建立过程的运行准则和按照运行准则实施过程控制来实现\n3) 组织应对计划内的变更进行控制\n4) 组织应确保对外包过程实施控制或施加影响。\n5) 组织应从生命周期观点出发：\n① 制定控制措施，确保落实企业质量信用服务要求；\n② 与外部供方（包括合同方）沟通组织的相关服务要求；\n6) 组织应保持必要程度的文件化信息，以确保过程已按策划得到实施。", en: "The organization shall establish, implement, control and maintain, to meet the system requirements and to implement 3.1. Risk planning and 3.2. Objectives and planning to achieve them,\n1) for the identified actions\n2) the processes needed, by establishing operating criteria for the processes and implementing control of the processes in accordance with the operating criteria\n3) The organization shall control planned changes\n4) The organization shall ensure that outsourced processes are controlled or influenced.\n5) The organization shall, from a life cycle perspective:\n① establish controls to ensure that enterprise quality credit service requirements are implemented;\n② communicate its relevant service requirements to external providers (including contractors);\n6) The organization shall maintain documented information to the extent necessary to have confidence that the processes have been carried out as planned." },
  "5.2": { zh: "组织应建立、实施并保持对 3.1.1. 一般要求 中识别的潜在紧急情况进行应急准备并做出响应所需的过程。\n1) 做好应急策划；\n2) 对实际发生的紧急情况做出响应；\n3) 采取措施以预防或减轻后果；\n4) 定期检验、评审和修订应急策划的相应措施；\n5) 培训。\n6) 组织应保持必要程度的文件化信息，以确保过程已按策划得到实施。", en: "The organization shall establish, implement and maintain the processes needed to prepare for and respond to the potential emergency situations identified in 3.1.1. General requirements.\n1) carry out emergency planning;\n2) respond to actual emergency situations;\n3) take action to prevent or mitigate the consequences;\n4) periodically test, review and revise the planned emergency actions;\n5) training.\n6) The organization shall maintain documented information to the extent necessary to have confidence that the processes have been carried out as planned." },
  "6.1": { zh: "组织应监视、测量、分析和评价企业质量信用服务的绩效。\n1) 监视、测量的内容；\n2) 监视、测量的方法；\n3) 依据的准则；\n4) 监视、测量的时机；\n5) 分析、评价的时机。", en: "The organization shall monitor, measure, analyse and evaluate enterprise quality credit service performance.\n1) what is to be monitored and measured;\n2) methods of monitoring and measurement;\n3) the criteria applied;\n4) when monitoring and measuring are performed;\n5) when analysis and evaluation are performed." },
  "6.2": { zh: "组织应定期实施内部审核，以提供下列关于体系的信息：\n1) 是否符合\n① 组织自身质量管理体系的要求；\n② 本文件的要求。\n2) 是否得到了有效地实施和保持", en: "The organization shall conduct internal audits periodically to provide the following information on the system:\n1) whether it conforms to\n① the requirements of the organization's own quality management system;\n② the requirements of this document.\n2) whether it is effectively implemented and maintained" },
  "6.3": { zh: "6.3.1. 最高管理者应定期对体系进行评审，以确保其持续的适宜性、充分性和有效性。管理评审应包括但不限于以下内容：\n1) 以往管理评审所采取措施的状况；\n2) 以下变化：\n① 相关的内、外部问题；\n② 相关方的要求；\n③ 其重要服务因素；\n④ 风险和机遇；\n3) 目标的实现程度；\n4) 组织绩效方面的信息，包括以下方面的趋势：\n① 不符合及纠正措施；\n② 监视和测量的结果；\n③ 审核结果；\n④ 资源的充分性；\n⑤ 来自相关方的有关信息交流；\n⑥ 持续改进的机会。\n6.3.2. 管理评审的输出应包括：\n1) 对体系的持续适宜性、充分性和有效性的结论；\n2) 与持续改进机会相关的决策；\n3) 与体系变更的任何需求相关的决策，包括资源；\n4) 如需要，目标未实现时采取的措施；\n5) 如需要，改进体系与其他业务过程融合的机会；\n6) 任何与组织战略方向相关的结论。\n6.3.3. 组织应保留文件化信息，作为管理评审结果的证据。", en: "6.3.1. Top management shall review the system periodically to ensure its continuing suitability, adequacy and effectiveness. The management review shall include, but is not limited to, the following:\n1) the status of actions from previous management reviews;\n2) changes in:\n① relevant internal and external issues;\n② the requirements of interested parties;\n③ its significant service factors;\n④ risks and opportunities;\n3) the extent to which objectives have been achieved;\n4) information on the organization's performance, including trends in:\n① nonconformities and corrective actions;\n② monitoring and measurement results;\n③ audit results;\n④ adequacy of resources;\n⑤ relevant communication from interested parties;\n⑥ opportunities for continual improvement.\n6.3.2. The outputs of the management review shall include:\n1) conclusions on the continuing suitability, adequacy and effectiveness of the system;\n2) decisions related to continual improvement opportunities;\n3) decisions related to any need for changes to the system, including resources;\n4) if needed, actions when objectives have not been achieved;\n5) if needed, opportunities to improve integration of the system with other business processes;\n6) any conclusions related to the strategic direction of the organization.\n6.3.3. The organization shall retain documented information as evidence of the results of management reviews." },
  "7.1": { zh: "7.1.1. 争议、投诉处理\n1) 专职部门记录顾客投诉，建立完整的投诉档案。\n2) 及时反馈和处理顾客投诉、争议，有效解决顾客投诉、争议。\n3) 配备服务调解人员，并有对突发事件进行及时处理、对服务失误进行补救的措施。\n7.1.2. 发生不符合时，组织应：\n1) 对不符合做出响应，采取措施控制并纠正不符合；\n2) 通过以下活动评价消除不符合原因的措施需求，以防止不符合再次发生或在其他地方发生：\n① 评审不符合；\n② 确定不符合的原因；\n③ 确定是否存在或是否可能发生类似的不符合；\na. 实施任何所需的措施；\nb. 评审所采取的任何纠正措施的有效性；\nc. 必要时，对体系进行变更\n④ 纠正措施应与所发生的不符合造成影响的重要程度相适应。\n⑤ 应保留文件化信息作为组织下列事项的证据：\n①不符合的性质和所采取的任何后续措施；\n②任何纠正措施的结果。", en: "7.1.1. Handling of disputes and complaints\n1) A dedicated department records customer complaints and keeps a complete complaint file.\n2) Customer complaints and disputes are fed back and handled promptly and resolved effectively.\n3) Service mediation staff are assigned, and there are measures for handling unexpected incidents promptly and remedying service failures.\n7.1.2. When a nonconformity occurs, the organization shall:\n1) react to the nonconformity and take action to control and correct it;\n2) evaluate the need for action to eliminate the causes of the nonconformity, so that it does not recur or occur elsewhere, by the following activities:\n① reviewing the nonconformity;\n② determining the causes of the nonconformity;\n③ determining whether similar nonconformities exist or could potentially occur;\na. implement any action needed;\nb. review the effectiveness of any corrective action taken;\nc. make changes to the system, if necessary\n④ Corrective actions shall be appropriate to the significance of the effects of the nonconformity encountered.\n⑤ Documented information shall be retained as evidence of the following for the organization:\n① the nature of the nonconformities and any subsequent actions taken;\n② the results of any corrective action." },
  "7.2": { zh: "组织应持续改进体系的适宜性、充分性与有效性，以提升绩效。", en: "The organization shall continually improve the suitability, adequacy and effectiveness of the system to enhance performance." },
};

/**
 * Appendix 4 chapter 7's lead sentence. It stands before 7.1 and 7.2 in the standard and belongs to both
 * (RULES.md §6), so it is shown with each of them.
 */
export const GROUP_AUDIT_LEADS: Record<string, Text> = {
  "7": {
    zh: "组织应确定改进的机会（见6.1. 监视、测量、分析和评价、6.2. 内部审核 和6.3. 管理评审），并实施必要的措施，以实现其体系的预期结果。",
    en: "The organization shall determine opportunities for improvement (see 6.1 Monitoring, measurement, analysis and evaluation, 6.2 Internal audit and 6.3 Management review) and implement the necessary actions to achieve the intended results of its system.",
  },
};

/** 4.2.2 特定的管理要求: the seven points 1), 2) ①–⑤ and 3), verbatim; 2)'s lead "组织应：" is `SPECIFIC_LEAD_2`. */
export const SPECIFIC_REQUIREMENTS: ReadonlyArray<{ id: string; label: string; text: Text }> = [
  {
    id: "1",
    label: "1)",
    text: {
      zh: "组织应在质量管理体系上建立并运行企业质量信用服务管理体系，确保其实施和保持，并持续改进其有效性。",
      en: "The organization shall establish and operate an enterprise quality credit service management system on its quality management system, ensure it is implemented and maintained, and continually improve its effectiveness.",
    },
  },
  { id: "2.1", label: "2) ①", text: { zh: "识别可提供的接触点，确定服务接触面，建立服务蓝图；", en: "identify the touchpoints it can offer, determine the service interfaces and establish a service blueprint;" } },
  { id: "2.2", label: "2) ②", text: { zh: "确定为确保服务提供所需的准则和方法；", en: "determine the criteria and methods needed to ensure service provision;" } },
  { id: "2.3", label: "2) ③", text: { zh: "确保可以获得必要的资源和信息，以支持服务提供的运作和监视。", en: "ensure the availability of the resources and information needed to support the operation and monitoring of service provision." } },
  { id: "2.4", label: "2) ④", text: { zh: "监视、测量（适用时）和分析；", en: "monitor, measure (where applicable) and analyse;" } },
  { id: "2.5", label: "2) ⑤", text: { zh: "实施必要的措施，以实现质量管理体系的持续改进。", en: "implement the actions necessary to achieve continual improvement of the quality management system." } },
  {
    id: "3",
    label: "3)",
    text: {
      zh: "针对组织所选择的任何影响服务符合要求的外部供方提供的过程或服务，组织应确保对其实施控制。对外部供方提供过程或服务的控制类型和程度应在质量管理体系中加以规定。",
      en: "For any externally provided process or service the organization chooses that affects the conformity of the service, the organization shall ensure that it is controlled. The type and extent of control over externally provided processes or services shall be defined in the quality management system.",
    },
  },
];

/** The lead of 4.2.2 2), shared by its points ①–⑤. */
export const SPECIFIC_LEAD_2: Text = { zh: "组织应：", en: "The organization shall:" };

/** 5.2.2, verbatim: the partial exemption of the QMS audit. */
export const QMS_EXEMPTION_TEXT: Text = {
  zh: "获得被认可的或者未认可的认证机构所颁发的且有效的质量管理体系认证证书的组织，本机构评估风险后决定是否部分免除GB/T 19001标准要求的质量管理体系的审核。",
  en: "For an organization holding a valid quality management system certificate issued by an accredited or non-accredited certification body, this body decides after evaluating the risk whether to partly exempt the audit of the quality management system required by GB/T 19001.",
};

/** 5.3's gate text on the conformity review, verbatim. */
export const CONFORMITY_TEXT: Text = {
  zh: "必须通过管理要求符合性审查后，服务特性测评得分达到本认证规则设定的评分分值",
  en: "only after the management-requirements conformity review has been passed, the service characteristics score reaching the values this scheme sets",
};

/** Maturity levels 一级 … 五级 (Appendix 3). */
export const LEVEL_WORDS: [Text, Text, Text, Text, Text] = [
  { zh: "一级", en: "Level 1" },
  { zh: "二级", en: "Level 2" },
  { zh: "三级", en: "Level 3" },
  { zh: "四级", en: "Level 4" },
  { zh: "五级", en: "Level 5" },
];
